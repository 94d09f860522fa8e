// The left column: accounts with their live connection state, and the app-wide actions.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, AccountStatus, FolderInfo, Mailbox } from '../../../../shared/domain/types';
import type { CallOutput } from '../../../../shared/ipc/contract';
import { getApi } from '../../api/client';
import { LanguageSelect } from '../../components/LanguageSelect';

function StatusLine({ status }: { status: AccountStatus }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!status.retryAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [status.retryAt]);
  const retry = status.retryAt ? Math.max(0, Math.ceil((status.retryAt - now) / 1000)) : null;
  return (
    <span className={`account-status state-${status.state}`} data-testid="account-status">
      <span className="dot" aria-hidden="true" />
      {status.state === 'error' && status.errorCode ? t(`errors.${status.errorCode}`) : t(`status.${status.state}`)}
      {retry !== null && status.state === 'error' ? ` · ${t('status.retryIn', { seconds: retry })}` : ''}
    </span>
  );
}

/** Retrying cannot fix these: the user has to give a new password or sign in again. */
const needsSignIn = (s: AccountStatus) => s.state === 'error' && (s.errorCode === 'AUTH_FAILED' || s.errorCode === 'AUTH_EXPIRED');

/** A whole-number setting beside the accounts: read once, kept within its bounds and saved when the field is left. */
/**
 * A setting's field: its stored value once loaded — unless the agent has already typed (a slow first load must not
 * overwrite what they wrote) — the way to set it after a save, and the way to edit it.
 */
function useStoredSetting(read: (s: CallOutput<'settings.get'>) => string): [string, (v: string) => void, (v: string) => void] {
  const [value, setValue] = useState('');
  const edited = useRef(false);
  const readRef = useRef(read);
  useEffect(() => {
    void getApi()
      .invoke('settings.get', {})
      .then((r) => r.ok && !edited.current && setValue(readRef.current(r.value)));
  }, []);
  const edit = useCallback((v: string) => {
    edited.current = true;
    setValue(v);
  }, []);
  return [value, setValue, edit];
}

function NumberSetting({ label, name, min, max, field }: { label: string; name: string; min: number; max: number; field: 'attachmentDownloadLimitMb' | 'undoSendSeconds' }) {
  const [value, setValue, edit] = useStoredSetting((s) => String(s[field]));
  const save = async () => {
    const n = Math.round(Number(value));
    if (!Number.isFinite(n)) return;
    const r = await getApi().invoke('settings.set', { [field]: Math.min(max, Math.max(min, n)) });
    if (r.ok) setValue(String(r.value[field]));
  };
  return (
    <label className="sidebar-setting">
      {label}
      <input type="number" min={min} max={max} name={name} value={value} onChange={(e) => edit(e.target.value)} onBlur={() => void save()} />
    </label>
  );
}

/** The agent's name: who "Mine" is, and what assigned conversations show. */
function AgentName() {
  const { t } = useTranslation();
  const [value, setValue, edit] = useStoredSetting((s) => s.agentName ?? '');
  const save = async () => {
    const r = await getApi().invoke('settings.set', { agentName: value.trim() || null });
    if (r.ok) setValue(r.value.agentName ?? '');
  };
  return (
    <label className="sidebar-setting">
      {t('settings.agentName')}
      <input name="agent-name" value={value} maxLength={80} placeholder={t('settings.agentNameDefault')} onChange={(e) => edit(e.target.value)} onBlur={() => void save()} />
    </label>
  );
}

export interface FolderView {
  accountId: string;
  path: string;
}

/** An account's folders as a tree (indented by path depth), each with its message count. */
function FolderTree({ accountId, selected, onSelect }: { accountId: string; selected: FolderView | null; onSelect: (f: FolderView) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [folders, setFolders] = useState<FolderInfo[]>([]);
  useEffect(() => {
    if (!open) return;
    void getApi()
      .invoke('accounts.folders', { id: accountId })
      .then((r) => r.ok && setFolders(r.value));
  }, [open, accountId]);
  return (
    <div className="folder-tree">
      <button type="button" className="folder-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} {t('sidebar.folders')}
      </button>
      {open && (
        <ul>
          {folders.map((f) => {
            const depth = f.path.split('/').length - 1;
            const name = f.path.split('/').pop();
            const active = selected?.accountId === accountId && selected.path === f.path;
            return (
              <li key={f.path} style={{ paddingLeft: depth * 12 }}>
                <button type="button" className={`folder${active ? ' active' : ''}`} aria-current={active ? 'page' : undefined} onClick={() => onSelect({ accountId, path: f.path })}>
                  <span>{name}</span>
                  <span className="count">{t('sidebar.folderCount', { count: f.messages })}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function Sidebar({
  accounts,
  statuses,
  mailbox,
  onMailbox,
  folder,
  onFolder,
  onAddChannel,
  onSync,
  onCannedResponses,
  onPrivacy,
  onTranslation,
  onSignInAgain,
  onRemoveAccount,
  onSignature,
  onAutoReply,
  onReports,
  onNotifications,
  onNewMail,
  views,
}: {
  accounts: Account[];
  statuses: Record<string, AccountStatus>;
  mailbox: Mailbox;
  onMailbox: (m: Mailbox) => void;
  folder: FolderView | null;
  onFolder: (f: FolderView) => void;
  onAddChannel: () => void;
  onSync: () => void;
  onCannedResponses: () => void;
  onPrivacy: () => void;
  onTranslation: () => void;
  onSignInAgain: (a: Account) => void;
  onRemoveAccount: (a: Account) => void;
  /** Edits the signature under this account's replies. */
  onSignature: (a: Account) => void;
  onAutoReply: () => void;
  onReports: () => void;
  onNotifications: () => void;
  onNewMail: () => void;
  /** Saved searches with their counts, under the mailboxes. */
  views?: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <nav className="sidebar" aria-label={t('sidebar.accounts')}>
      <div className="brand">{t('app.title')}</div>
      <div className="sidebar-section">{t('sidebar.views')}</div>
      <ul className="views">
        {(['inbox', 'archive', 'trash', 'spam'] as const).map((m) => (
          <li key={m}>
            <button
              className={`view-button${!folder && mailbox === m ? ' active' : ''}`}
              aria-current={!folder && mailbox === m ? 'page' : undefined}
              onClick={() => onMailbox(m)}
            >
              {t(`sidebar.${m}`)}
            </button>
          </li>
        ))}
      </ul>
      {views}
      <div className="sidebar-section">{t('sidebar.accounts')}</div>
      <ul className="accounts">
        {accounts.map((a) => (
          <li key={a.id} title={statuses[a.id]?.errorDetail ?? a.address}>
            <div className="account-name">
              {a.name}
              {a.channel === 'demo' && <span className="badge">{t('sidebar.demoBadge')}</span>}
              {a.channel !== 'email' && a.channel !== 'demo' && <span className={`badge channel-${a.channel}`}>{t(`channels.${a.channel}`)}</span>}
            </div>
            <div className="account-address">{a.address}</div>
            <StatusLine status={statuses[a.id] ?? a.status} />
            {needsSignIn(statuses[a.id] ?? a.status) && (
              <button type="button" className="link-button sign-in-again" onClick={() => onSignInAgain(a)}>
                {t('signIn.again')}
              </button>
            )}
            {a.channel === 'email' && <FolderTree accountId={a.id} selected={folder} onSelect={onFolder} />}
            <button type="button" className="link-button" onClick={() => onSignature(a)} aria-label={t('signature.button', { name: a.name || a.address })}>
              {t('signature.short')}
            </button>
            <button type="button" className="link-button remove-account" onClick={() => onRemoveAccount(a)} aria-label={t('removeAccount.button', { name: a.name || a.address })}>
              {t('removeAccount.short')}
            </button>
          </li>
        ))}
      </ul>
      <button className="sidebar-button" onClick={onNewMail}>
        ✉ {t('newMail.button')}
      </button>
      <button className="sidebar-button" onClick={onAddChannel}>
        + {t('sidebar.addAccount')}
      </button>
      <button className="sidebar-button" onClick={onSync}>
        ⟳ {t('sidebar.syncNow')}
      </button>
      <button className="sidebar-button" onClick={onCannedResponses}>
        ✎ {t('templates.manage')}
      </button>
      <button className="sidebar-button" onClick={onPrivacy}>
        🛡 {t('privacy.title')}
      </button>
      <button className="sidebar-button" onClick={onTranslation}>
        🌐 {t('translation.settingsButton')}
      </button>
      <button className="sidebar-button" onClick={onAutoReply}>
        ☾ {t('autoReply.button')}
      </button>
      <button className="sidebar-button" onClick={onReports}>
        📊 {t('reports.button')}
      </button>
      <button className="sidebar-button" onClick={onNotifications}>
        🔔 {t('notifications.button')}
      </button>
      <LanguageSelect />
      {/* The automatic attachment download limit: larger attachments stay on the server until opened. */}
      <NumberSetting label={t('settings.downloadLimit')} name="download-limit" min={1} max={1024} field="attachmentDownloadLimitMb" />
      {/* How long a reply can be taken back after Send. */}
      <NumberSetting label={t('undoSend.undoSeconds')} name="undo-send-seconds" min={0} max={30} field="undoSendSeconds" />
      <AgentName />
    </nav>
  );
}
