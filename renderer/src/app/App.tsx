// The app shell: loads accounts and conversations, keeps them current from the core's pushed events, and
// lays out sidebar, inbox list and thread. Keyboard: J/K move, R replies, ? lists shortcuts.
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, AccountStatus, ApiError, CannedResponse, ConversationDetail, Mailbox, SyncProgress } from '../../../shared/domain/types';
import { getApi, onCoreConnection } from '../api/client';
import { AddApiAccountDialog, EBAY, INSTAGRAM, MERCADO_LIBRE, MESSENGER } from '../features/accounts/AddApiAccountDialog';
import { Sidebar, type FolderView } from '../features/accounts/Sidebar';
import { Welcome } from '../features/accounts/Welcome';
import { ConversationList } from '../features/conversations/ConversationList';
import { useConversationList } from '../features/conversations/conversation-list-store';
import { SearchBox } from '../features/search/SearchBox';
import { SearchViews } from '../features/search/SearchViews';
import { useUnreadTitle } from '../features/notifications/unread-title';
import { UndoSend, type PendingSend } from '../features/thread/UndoSend';
import { useDesktopNotifications } from '../features/notifications/desktop-notifications';
import { useSearch } from '../features/search/search-store';
import { SyncBar } from '../features/sync/SyncBar';
import { ThreadView, type ConversationActions, type ReplyOptions } from '../features/thread/ThreadView';
import { snoozeUntil } from '../components/snooze-times';
import { errorText } from '../components/format';

// Dialogs load the first time they open (their code is not needed for the first screen).
const CannedResponsesDialog = lazy(() => import('../features/templates/CannedResponsesDialog').then((m) => ({ default: m.CannedResponsesDialog })));
const AddAccountDialog = lazy(() => import('../features/accounts/AddAccountDialog').then((m) => ({ default: m.AddAccountDialog })));
const SignInAgainDialog = lazy(() => import('../features/accounts/SignInAgainDialog').then((m) => ({ default: m.SignInAgainDialog })));
const NewMailDialog = lazy(() => import('../features/thread/NewMailDialog').then((m) => ({ default: m.NewMailDialog })));
const SignatureDialog = lazy(() => import('../features/accounts/SignatureDialog').then((m) => ({ default: m.SignatureDialog })));
const RemoveAccountDialog = lazy(() => import('../features/accounts/RemoveAccountDialog').then((m) => ({ default: m.RemoveAccountDialog })));
const AddTelegramDialog = lazy(() => import('../features/accounts/AddTelegramDialog').then((m) => ({ default: m.AddTelegramDialog })));
const TranslationDialog = lazy(() => import('../features/translation/TranslationDialog').then((m) => ({ default: m.TranslationDialog })));
const ChannelPickerDialog = lazy(() => import('../features/accounts/ChannelPickerDialog').then((m) => ({ default: m.ChannelPickerDialog })));
const CustomerDataDialog = lazy(() => import('../features/privacy/CustomerDataDialog').then((m) => ({ default: m.CustomerDataDialog })));
const PrivacyDialog = lazy(() => import('../features/privacy/PrivacyDialog').then((m) => ({ default: m.PrivacyDialog })));
const OutboxDialog = lazy(() => import('../features/sync/OutboxDialog').then((m) => ({ default: m.OutboxDialog })));
const ReportsDialog = lazy(() => import('../features/reports/ReportsDialog').then((m) => ({ default: m.ReportsDialog })));
const NotificationsDialog = lazy(() => import('../features/notifications/NotificationsDialog').then((m) => ({ default: m.NotificationsDialog })));
const AutoReplyDialog = lazy(() => import('../features/autoreply/AutoReplyDialog').then((m) => ({ default: m.AutoReplyDialog })));
const ShortcutsDialog = lazy(() => import('../components/ShortcutsDialog').then((m) => ({ default: m.ShortcutsDialog })));

type DialogName = 'pick-channel' | 'add-account' | 'add-telegram' | 'add-ebay' | 'add-mercadolibre' | 'add-messenger' | 'add-instagram' | 'shortcuts' | 'canned' | 'outbox' | 'privacy' | 'translation' | 'auto-reply' | 'reports' | 'notifications' | 'new-mail' | null;


export function App() {
  const { t } = useTranslation();
  const api = getApi();
  const [loaded, setLoaded] = useState(false);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [statuses, setStatuses] = useState<Record<string, AccountStatus>>({});
  const [progress, setProgress] = useState<Record<string, SyncProgress>>({});
  const searchRef = useRef<HTMLInputElement>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [detail, setDetail] = useState<ConversationDetail | null>(null);
  const [dialog, setDialog] = useState<DialogName>(null);
  const [signInAgain, setSignInAgain] = useState<Account | null>(null);
  const [removing, setRemoving] = useState<Account | null>(null);
  const [signing, setSigning] = useState<Account | null>(null);
  /** The customer whose data dialog is open (kept when their conversation goes away by erasing it). */
  const [customer, setCustomer] = useState<{ address: string; name: string } | null>(null);
  const [notice, setNotice] = useState<{ message: string; detail?: string } | null>(null);
  // The reply just sent, while it can still be taken back.
  const [pendingSend, setPendingSend] = useState<PendingSend | null>(null);
  const endPendingSend = useCallback(() => setPendingSend(null), []);
  const [coreConnected, setCoreConnected] = useState(true);
  const [outbox, setOutbox] = useState({ pending: 0, failed: 0 });
  const [mailbox, setMailbox] = useState<Mailbox>('inbox');
  const [templates, setTemplates] = useState<CannedResponse[]>([]);
  const mailboxRef = useRef<Mailbox>('inbox');
  mailboxRef.current = mailbox;
  const [folder, setFolder] = useState<FolderView | null>(null);
  const folderRef = useRef<FolderView | null>(null);
  folderRef.current = folder;
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const conversationActionsRef = useRef<ConversationActions | null>(null);
  const selectedRef = useRef<string | null>(null);
  selectedRef.current = selectedId;


  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 8000);
    return () => clearTimeout(timer);
  }, [notice]);

  const showError = useCallback((e: ApiError) => setNotice(errorText(t, e)), [t]);

  const loadAccounts = useCallback(async () => {
    const r = await api.invoke('accounts.list', {});
    if (!r.ok) return showError(r.error);
    setAccounts(r.value);
    setStatuses((s) => Object.fromEntries(r.value.map((a) => [a.id, s[a.id] ?? a.status])));
  }, [api, showError]);

  // The list: a page at a time, every conversation reachable; a change refreshes the rows it touched.
  const list = useConversationList(api, showError);
  const conversations = list.rows;
  const search = useSearch(conversations);
  // The window title (in the UI language) carries the unread count, which the desktop shell shows on its badge.
  useUnreadTitle(conversations);
  const { reload: reloadList, changed: listChanged, loadMore } = list;
  const loadConversations = useCallback(() => reloadList(), [reloadList]);

  const loadDetail = useCallback(
    async (id: string | null) => {
      if (!id) return setDetail(null);
      const r = await api.invoke('conversations.get', { id });
      if (selectedRef.current !== id) return; // the agent moved on meanwhile
      if (r.ok) setDetail(r.value);
      else setDetail(null);
    },
    [api],
  );

  const loadTemplates = useCallback(async () => {
    const r = await api.invoke('canned.list', {});
    if (r.ok) setTemplates(r.value);
  }, [api]);

  const loadInfo = useCallback(async () => {
    const r = await api.invoke('app.info', {});
    if (r.ok) setOutbox(r.value.outbox);
  }, [api]);

  useEffect(() => {
    void Promise.all([loadAccounts(), loadConversations(), loadInfo(), loadTemplates()]).then(() => setLoaded(true));
    // The OS says the network is back: reconnect and send what waits, without a click.
    const onOnline = () => void api.invoke('sync.now', {});
    window.addEventListener('online', onOnline);
    const offs = [
      () => window.removeEventListener('online', onOnline),
      api.on('outbox.changed', (counts) => setOutbox(counts)),
      api.on('accounts.changed', () => void loadAccounts()),
      api.on('account.status', (s) => setStatuses((prev) => ({ ...prev, [s.accountId]: s }))),
      api.on('sync.progress', (p) => setProgress((prev) => ({ ...prev, [p.accountId]: p }))),
      api.on('conversations.changed', (e) => {
        void listChanged(e.ids);
        const open = selectedRef.current;
        if (open && (e.ids.length === 0 || e.ids.includes(open))) void loadDetail(open);
      }),
      onCoreConnection((up) => {
        setCoreConnected(up);
        if (up) void Promise.all([loadAccounts(), loadConversations(), loadInfo()]);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [api, loadAccounts, loadConversations, listChanged, loadDetail, loadInfo, loadTemplates]);

  const outboxActions = {
    retry: (id: string) => void api.invoke('outbox.retry', { id }).then((r) => !r.ok && showError(r.error)),
    discard: (id: string) => void api.invoke('outbox.discard', { id }).then((r) => !r.ok && showError(r.error)),
    sendOriginal: (messageId: string) => void api.invoke('messages.sendOriginal', { messageId }).then((r) => (r.ok ? selectedId && void loadDetail(selectedId) : showError(r.error))),
  };

  const markUnread = useCallback(() => {
    if (!selectedId) return;
    void api.invoke('conversations.markRead', { id: selectedId, read: false }).then((r) => !r.ok && showError(r.error));
  }, [api, selectedId, showError]);

  const conversationActions: ConversationActions = {
    markUnread,
    setFlagged: (flagged: boolean) =>
      selectedId && void api.invoke('conversations.setFlagged', { id: selectedId, flagged }).then((r) => !r.ok && showError(r.error)),
    setStatus: (status: 'open' | 'closed') =>
      selectedId && void api.invoke('conversations.setStatus', { id: selectedId, status }).then((r) => !r.ok && showError(r.error)),
    setTags: (tags: string[]) =>
      selectedId && void api.invoke('conversations.setTags', { id: selectedId, tags }).then((r) => !r.ok && showError(r.error)),
    move: (to: Mailbox) => {
      if (!selectedId) return;
      const id = selectedId;
      void api.invoke('conversations.move', { id, to }).then((r) => {
        if (!r.ok) return showError(r.error);
        if (to !== mailbox) selectNext(id);
      });
    },
    moveToFolder: (folder: string) => {
      if (!selectedId) return;
      const id = selectedId;
      void api.invoke('conversations.move', { id, folder }).then((r) => {
        if (!r.ok) return showError(r.error);
        setNotice({ message: t('thread.movedTo', { folder }) });
        if (r.value.mailbox !== mailbox) selectNext(id);
      });
    },
    snooze: (until: number | null) => {
      if (!selectedId) return;
      const id = selectedId;
      void api.invoke('conversations.snooze', { id, until }).then((r) => {
        if (!r.ok) return showError(r.error);
        if (until !== null) selectNext(id);
      });
    },
    open: (id: string) => select(id),
    customerData: () => detail && setCustomer({ address: detail.conversation.customerAddress, name: detail.conversation.customerName }),
    addNote: async (text: string): Promise<ApiError | null> => {
      if (!selectedId) return null;
      const r = await api.invoke('notes.add', { conversationId: selectedId, text });
      if (!r.ok) return r.error;
      await loadDetail(selectedId);
      return null;
    },
  };
  conversationActionsRef.current = conversationActions;

  const select = useCallback(
    (id: string) => {
      setSelectedId(id);
      selectedRef.current = id;
      void loadDetail(id);
      const c = conversations.find((x) => x.id === id);
      if (c && c.unreadCount > 0) void api.invoke('conversations.markRead', { id, read: true });
    },
    [api, conversations, loadDetail],
  );
  // A customer's new message on the desktop; clicking it opens the conversation.
  useDesktopNotifications(select);

  /** After a conversation leaves this view (archived, deleted, snoozed), open the one below it. */
  const selectNext = useCallback(
    (goneId: string) => {
      const index = conversations.findIndex((c) => c.id === goneId);
      const next = conversations.filter((c) => c.id !== goneId)[Math.max(0, index)] ?? null;
      if (next) select(next.id);
      else {
        setSelectedId(null);
        selectedRef.current = null;
        setDetail(null);
      }
    },
    [conversations, select],
  );

  /** Shows another view (a mailbox, or one account folder): nothing selected, its conversations loaded. */
  const switchView = (m: Mailbox, f: FolderView | null) => {
    folderRef.current = f;
    setFolder(f);
    mailboxRef.current = m;
    setMailbox(m);
    setSelectedId(null);
    selectedRef.current = null;
    setDetail(null);
    void reloadList(f ? { kind: 'folder', accountId: f.accountId, path: f.path } : { kind: 'mailbox', mailbox: m });
  };
  const switchFolder = (f: FolderView) => switchView(mailboxRef.current, f);
  const switchMailbox = (m: Mailbox) => switchView(m, null);

  // Keyboard shortcuts, ignored while typing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (dialog || removing || customer || signInAgain || e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      const index = conversations.findIndex((c) => c.id === selectedId);
      if (e.key === 'j' || e.key === 'k') {
        const next = conversations[e.key === 'j' ? Math.min(conversations.length - 1, index + 1) : Math.max(0, index - 1)];
        if (next) select(next.id);
        e.preventDefault();
      } else if (e.key === 'u' && detail) {
        markUnread();
        e.preventDefault();
      } else if (e.key === 's' && detail) {
        void api.invoke('conversations.setFlagged', { id: detail.conversation.id, flagged: !detail.conversation.flagged });
        e.preventDefault();
      } else if (e.key === 'a' && detail) {
        conversationActionsRef.current?.move('archive');
        e.preventDefault();
      } else if (e.key === 'Delete' && detail) {
        conversationActionsRef.current?.move('trash');
        e.preventDefault();
      } else if (e.key === 'z' && detail) {
        conversationActionsRef.current?.snooze(snoozeUntil('tomorrow'));
        e.preventDefault();
      } else if (e.key === 'e' && detail) {
        void api.invoke('conversations.setStatus', { id: detail.conversation.id, status: detail.conversation.status === 'open' ? 'closed' : 'open' });
        e.preventDefault();
      } else if (e.key === 'r' && detail) {
        replyRef.current?.focus();
        e.preventDefault();
      } else if (e.key === 'n') {
        setDialog('new-mail');
        e.preventDefault();
      } else if (e.key === '?') {
        setDialog('shortcuts');
      } else if (e.key === '/') {
        searchRef.current?.focus();
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api, conversations, selectedId, detail, dialog, removing, customer, signInAgain, select, markUnread]);

  const reply = useCallback(
    async (text: string, options?: ReplyOptions): Promise<ApiError | null> => {
      if (!selectedId) return null;
      const r = await api.invoke('messages.reply', {
        conversationId: selectedId,
        text,
        undoable: true,
        ...(options?.translate ? { translate: true } : {}),
        ...(options?.original ? { original: options.original } : {}),
        ...(options?.replyAll ? { replyAll: true } : {}),
        ...(options?.cc ? { cc: options.cc } : {}),
        ...(options?.bcc ? { bcc: options.bcc } : {}),
        ...(options?.attachments ? { attachments: options.attachments } : {}),
      });
      if (!r.ok) return r.error;
      if (r.value.undoUntil !== null) setPendingSend({ outboxId: r.value.outboxId, conversationId: selectedId, text: options?.original?.text ?? text, until: r.value.undoUntil });
      await loadDetail(selectedId);
      return null;
    },
    [api, selectedId, loadDetail],
  );

  const openDemo = async () => {
    const r = await api.invoke('demo.open', {});
    if (!r.ok) return showError(r.error);
    await Promise.all([loadAccounts(), loadConversations(), loadTemplates()]);
  };

  const syncNow = async () => {
    const r = await api.invoke('sync.now', {});
    if (!r.ok) showError(r.error);
  };

  /** An account was added (any channel): the dialog closes, the notice says so, the sidebar shows it. */
  const accountAdded = (message: string) => {
    setDialog(null);
    setNotice({ message });
    void loadAccounts();
  };

  const dialogs = (
    <Suspense fallback={null}>
      {dialog === 'pick-channel' && <ChannelPickerDialog onClose={() => setDialog(null)} onPick={(c) => setDialog(c === 'email' ? 'add-account' : `add-${c}`)} />}
      {dialog === 'add-account' && (
        <AddAccountDialog onClose={() => setDialog(null)} onAdded={(a) => accountAdded(t('account.added', { address: a.address }))} />
      )}
      {dialog === 'add-telegram' && (
        <AddTelegramDialog onClose={() => setDialog(null)} onAdded={(a) => accountAdded(t('telegram.added', { address: a.address }))} />
      )}
      {dialog === 'add-ebay' && <AddApiAccountDialog channel={EBAY} onClose={() => setDialog(null)} onAdded={(a) => accountAdded(t('ebay.added', { name: a.name }))} />}
      {(dialog === 'add-messenger' || dialog === 'add-instagram') && (
        <AddApiAccountDialog channel={dialog === 'add-messenger' ? MESSENGER : INSTAGRAM} onClose={() => setDialog(null)} onAdded={(a) => accountAdded(t('meta.added', { name: a.name }))} />
      )}
      {dialog === 'add-mercadolibre' && (
        <AddApiAccountDialog channel={MERCADO_LIBRE} onClose={() => setDialog(null)} onAdded={(a) => accountAdded(t('mercadolibre.added', { name: a.name }))} />
      )}
      {signInAgain && (
        <SignInAgainDialog
          account={signInAgain}
          onClose={() => setSignInAgain(null)}
          onDone={(a) => {
            setSignInAgain(null);
            setNotice({ message: t('signIn.done', { address: a.address }) });
            void loadAccounts();
          }}
        />
      )}
      {removing && (
        <RemoveAccountDialog
          account={removing}
          onClose={() => setRemoving(null)}
          onRemoved={() => {
            setNotice({ message: t('removeAccount.done', { address: removing.address }) });
            setRemoving(null);
            switchView('inbox', null);
            void Promise.all([loadAccounts(), loadInfo(), loadTemplates()]);
          }}
        />
      )}
      {dialog === 'privacy' && <PrivacyDialog onClose={() => setDialog(null)} />}
      {dialog === 'translation' && <TranslationDialog onClose={() => setDialog(null)} />}
      {dialog === 'auto-reply' && <AutoReplyDialog accounts={accounts} onClose={() => setDialog(null)} />}
      {dialog === 'reports' && <ReportsDialog accounts={accounts} onClose={() => setDialog(null)} />}
      {signing && <SignatureDialog account={signing} onClose={() => setSigning(null)} />}
      {dialog === 'new-mail' && (
        <NewMailDialog
          accounts={accounts}
          onClose={() => setDialog(null)}
          onSent={(conversationId, pending) => {
            setDialog(null);
            setPendingSend(pending);
            select(conversationId);
          }}
        />
      )}
      {dialog === 'notifications' && <NotificationsDialog accounts={accounts} onClose={() => setDialog(null)} />}
      {customer && (
        <CustomerDataDialog
          address={customer.address}
          name={customer.name}
          onClose={() => setCustomer(null)}
          onErased={() => {
            setSelectedId(null);
            selectedRef.current = null;
            setDetail(null);
            void Promise.all([loadConversations(), loadInfo()]);
          }}
        />
      )}
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
      {dialog === 'outbox' && <OutboxDialog onClose={() => setDialog(null)} />}
      {dialog === 'canned' && <CannedResponsesDialog templates={templates} onClose={() => setDialog(null)} onChanged={() => void loadTemplates()} />}
    </Suspense>
  );

  // Offline: an account cannot reach its server (the network, not a wrong password).
  const offline = accounts.some((a) => {
    const s = statuses[a.id] ?? a.status;
    return s.state === 'error' && (s.errorCode === 'UNREACHABLE' || s.errorCode === 'TIMEOUT');
  });

  if (!loaded) return null;
  if (accounts.length === 0) {
    return (
      <>
        <Welcome onAddAccount={() => setDialog('add-account')} onPickChannel={() => setDialog('pick-channel')} onOpenDemo={() => void openDemo()} />
        {dialogs}
      </>
    );
  }

  return (
    <div className="layout">
      <Sidebar
        views={<SearchViews search={search} accounts={accounts} refreshKey={conversations} />}
        accounts={accounts}
        statuses={statuses}
        mailbox={mailbox}
        onMailbox={switchMailbox}
        folder={folder}
        onFolder={switchFolder}
        onAddChannel={() => setDialog('pick-channel')}
        onSync={() => void syncNow()}
        onCannedResponses={() => setDialog('canned')}
        onPrivacy={() => setDialog('privacy')}
        onTranslation={() => setDialog('translation')}
        onAutoReply={() => setDialog('auto-reply')}
        onReports={() => setDialog('reports')}
        onNotifications={() => setDialog('notifications')}
        onNewMail={() => setDialog('new-mail')}
        onSignInAgain={setSignInAgain}
        onRemoveAccount={setRemoving}
        onSignature={setSigning}
      />
      <section className="inbox">
        {!coreConnected && (
          <div className="banner" role="alert">
            {t('errors.OFFLINE')}
          </div>
        )}
        {coreConnected && offline && (
          <div className="banner offline" role="alert" data-testid="offline-banner">
            {outbox.pending > 0 ? t('offline.banner', { count: outbox.pending }) : t('offline.bannerNone')}
            {outbox.pending + outbox.failed > 0 && (
              <button type="button" className="link-button" onClick={() => setDialog('outbox')}>
                {t('outboxList.open')}
              </button>
            )}
          </div>
        )}
        {!offline && (outbox.pending > 0 || outbox.failed > 0) && (
          <div className="outbox-line" role="status" data-testid="outbox-status">
            {outbox.pending > 0 && <span>{t('offline.pending', { count: outbox.pending })}</span>}
            {outbox.failed > 0 && <span className="failed">{t('offline.failed', { count: outbox.failed })}</span>}
            <button type="button" className="link-button" onClick={() => setDialog('outbox')}>
              {t('outboxList.open')}
            </button>
          </div>
        )}
        <SyncBar progress={Object.values(progress)} />
        <SearchBox ref={searchRef} search={search} />
        <ConversationList items={search.results ?? conversations} selectedId={selectedId} onSelect={select} onEndReached={search.results ? () => undefined : loadMore} />
      </section>
      <ThreadView
        ref={replyRef}
        templates={templates}
        onCannedUsed={() => void loadTemplates()}
        accountAddress={accounts.find((a) => a.id === detail?.conversation.accountId)?.address ?? ''}
        humanAgent={accounts.find((a) => a.id === detail?.conversation.accountId)?.humanAgent ?? false} detail={detail} onReply={reply} conversation={conversationActions} actions={outboxActions} />
      {pendingSend && <UndoSend key={pendingSend.outboxId} pending={pendingSend} onDone={endPendingSend} onNotice={(message) => setNotice({ message })} />}
      {notice && !pendingSend && (
        <div className="toast" role="status" onClick={() => setNotice(null)}>
          <strong>{notice.message}</strong>
          {notice.detail && <small>{notice.detail}</small>}
        </div>
      )}
      {dialogs}
    </div>
  );
}
