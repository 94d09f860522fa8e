// One conversation: its messages oldest first (HTML mail formatted in a sandboxed frame, or as text; React
// escapes all text), each outgoing message with its delivery state, and the reply box.
import { CustomerPanel } from '../customers/CustomerPanel';
import { ReplyDue } from '../sla/ReplyDue';
import { useDraft, useRestoredExtras, type ReplyExtras } from './draft-store';
import { useSignature } from './signature-store';
import { AttachFiles, addressList, forSending, type OutgoingFile } from './outgoing-files';
import { forwardRef, lazy, Suspense, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { visibleFileName } from '../../../../shared/domain/file-names';
import { FormError } from '../../components/FormError';
import { Dialog } from '../../components/Dialog';
import { getApi } from '../../api/client';
import { useTranslation } from 'react-i18next';
import type { ApiError, CannedInsert, CannedResponse, ConversationDetail, ConversationSummary, CustomerClock, Mailbox, Message, Note, Urgency } from '../../../../shared/domain/types';
import { customerTime } from '../customers/customer-time';
import { replyWindowState } from '../../../../shared/domain/reply-windows';
import type { ConversationTranslation } from '../../../../shared/domain/types';
import { TranslatedBody } from '../translation/TranslatedBody';
import { LanguagePicker } from '../translation/LanguagePicker';
import { TranslateDraft, type DraftTranslation } from '../translation/TranslateDraft';
import { useConversationTranslation, useTranslationSettings } from '../translation/translation-store';
import { TemplatePicker } from '../templates/TemplatePicker';
import { snoozeUntil, type SnoozeChoice } from '../../components/snooze-times';

// The HTML mail viewer (and its sanitizer) loads the first time an HTML message is shown.
const HtmlBody = lazy(() => import('./HtmlBody').then((m) => ({ default: m.HtmlBody })));
import { fileSize, fullTime } from '../../components/format';

import type { ReplyOptions } from './thread-store';




export interface OutboxActions {
  retry(outboxId: string): void;
  discard(outboxId: string): void;
  /** A reply waiting for (or failed at) translation goes out as the agent wrote it. */
  sendOriginal(messageId: string): void;
}

function NoteItem({ note }: { note: Note }) {
  const { t, i18n } = useTranslation();
  return (
    <article className="note" aria-label={t('thread.note')}>
      <header>
        <span className="sender">{t('thread.noteBy')}</span>
        <time dateTime={new Date(note.createdAt).toISOString()}>{fullTime(note.createdAt, i18n.language)}</time>
      </header>
      <div className="body" dir="auto">
        {note.text}
      </div>
    </article>
  );
}

function SourceDialog({ messageId, onClose }: { messageId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<{ source: string; bytes: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    void getApi()
      .invoke('messages.source', { id: messageId })
      .then((r) => (r.ok ? setSource(r.value) : setError(r.error)));
  }, [messageId]);
  return (
    <Dialog title={t('thread.source')} onClose={onClose}>
      <FormError error={error} />
      {source && (
        <>
          <div className="hint">{t('thread.sourceBytes', { bytes: source.bytes })}</div>
          <pre className="raw-source">{source.source}</pre>
        </>
      )}
    </Dialog>
  );
}

/** Forwards one message (with its files) by e-mail to someone else, under a note. */
function ForwardDialog({ messageId, onClose }: { messageId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<{ filesLeftOut: number } | null>(null);
  const send = async () => {
    const r = await getApi().invoke('messages.forward', { messageId, to: to.trim(), note });
    if (!r.ok) return setError(r.error);
    setError(null);
    setDone({ filesLeftOut: r.value.filesLeftOut });
  };
  return (
    <Dialog title={t('forward.title')} onClose={onClose}>
      {done ? (
        <>
          <p role="status">{t('forward.sent', { to })}</p>
          {done.filesLeftOut > 0 && <p className="hint">{t('forward.leftOut', { count: done.filesLeftOut })}</p>}
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              {t('forward.close')}
            </button>
          </div>
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <label>
            {t('forward.to')}
            <input name="forward-to" type="email" required value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <label>
            {t('forward.note')}
            <textarea name="forward-note" rows={4} value={note} onChange={(e) => setNote(e.target.value)} dir="auto" />
          </label>
          <p className="hint">{t('forward.hint')}</p>
          <FormError error={error} />
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              {t('forward.cancel')}
            </button>
            <button type="submit" className="primary">
              {t('forward.send')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** "Move to folder…": the account's own folders (not INBOX, Sent, Trash: those have their buttons). */
function FolderPicker({ accountId, onPick }: { accountId: string; onPick: (folder: string) => void }) {
  const { t } = useTranslation();
  const [folders, setFolders] = useState<string[]>([]);
  useEffect(() => {
    void getApi()
      .invoke('accounts.folders', { id: accountId })
      .then((r) => r.ok && setFolders(r.value.filter((f) => f.role === 'other' || f.role === 'archive').map((f) => f.path)));
  }, [accountId]);
  if (folders.length === 0) return null;
  return (
    <select aria-label={t('thread.moveToFolder')} value="" onChange={(e) => e.target.value && onPick(e.target.value)}>
      <option value="">{t('thread.moveToFolder')}</option>
      {folders.map((f) => (
        <option key={f} value={f}>
          {f}
        </option>
      ))}
    </select>
  );
}

/** One attachment: opens with the system's app; one left on the server downloads first. */
function AttachmentItem({ a }: { a: Message['attachments'][number] }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<'idle' | 'busy' | 'saved' | 'blocked'>('idle');
  const [where, setWhere] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const open = async () => {
    setState('busy');
    setError(null);
    const r = await getApi().invoke('attachments.open', { id: a.id });
    if (!r.ok) {
      setState('idle');
      setError(r.error);
      return;
    }
    setState(r.value.opened ? 'idle' : r.value.blocked ? 'blocked' : 'saved');
    setWhere(r.value.path);
  };
  return (
    <li data-testid="attachment">
      <button type="button" className="link-button attachment" onClick={() => void open()} disabled={state === 'busy'}>
        📎 {visibleFileName(a.filename)}
      </button>{' '}
      <small>
        ({fileSize(a.size, i18n.language)}
        {!a.downloaded && state === 'idle' ? ` · ${t('thread.onServer')}` : ''})
      </small>
      {state === 'busy' && <small> {t(a.downloaded ? 'thread.opening' : 'thread.downloading')}</small>}
      {state === 'saved' && <small className="saved-to"> {t('thread.savedTo', { path: where })}</small>}
      {state === 'blocked' && (
        <small className="saved-to blocked" role="alert">
          {' '}
          {t('thread.notOpened', { path: where })}
        </small>
      )}
      <FormError error={error} />
    </li>
  );
}

/** One message of the thread: sender, time, recipients, its text (or HTML), attachments and what can be done with it. */
export function MessageItem({
  m,
  actions,
  onEdit,
  newerSince,
  translation,
  clock,
  onSplit,
  canForward,
}: {
  m: Message;
  actions: OutboxActions;
  onEdit: (m: Message) => void;
  newerSince: boolean;
  /** The message in the agent's language, while the thread is shown translated. */
  translation?: ConversationTranslation['messages'][number];
  /** The customer's clock: each message's time on it shows on hover. */
  clock?: CustomerClock | null;
  /** Moves this message into a conversation of its own (offered when the conversation has others). */
  onSplit?: () => void;
  /** The conversation's channel sends e-mail: the message can be forwarded. */
  canForward?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [showSource, setShowSource] = useState(false);
  const [forwarding, setForwarding] = useState(false);
  const [showOwnWords, setShowOwnWords] = useState(false);
  // A reply written in the agent's language whose translation has not happened yet.
  const awaitingTranslation = Boolean(m.original && m.sendState && m.sendState !== 'sent' && m.text === m.original.text);
  // HTML mail is shown formatted (sanitized, sandboxed); the text version is one click away.
  const [view, setView] = useState<'html' | 'text'>('html');
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    if (!m.hasHtml) return;
    let live = true;
    void getApi()
      .invoke('messages.html', { id: m.id })
      .then((r) => live && r.ok && setHtml(r.value.html));
    return () => {
      live = false;
    };
  }, [m.id, m.hasHtml]);
  const sender = m.direction === 'out' ? `${m.from.name || m.from.address} (${t('thread.you')})` : m.from.name || m.from.address;
  return (
    <article className={`message ${m.direction}`} data-message-id={m.id}>
      <header>
        <span className="sender" title={m.from.address}>
          {sender}
        </span>
        <time dateTime={new Date(m.date).toISOString()} title={clock ? t('thread.customerTime', { time: customerTime(m.date, clock, i18n.language) }) : undefined}>
          {fullTime(m.date, i18n.language)}
        </time>
      </header>
      <div className="recipients">
        {t('thread.to', { names: m.to.map((p) => p.name || p.address).join(', ') })}
        {m.cc.length > 0 && ` · ${t('thread.cc', { names: m.cc.map((p) => p.name || p.address).join(', ') })}`}
        {m.bcc.length > 0 && ` · ${t('thread.bcc', { names: m.bcc.map((p) => p.name || p.address).join(', ') })}`}
      </div>
      {(() => {
        const body =
          m.hasHtml && view === 'html' && html !== null ? (
            <Suspense fallback={<div className="body" dir="auto">{m.text}</div>}>
              <HtmlBody html={html} />
            </Suspense>
          ) : (
            <div className="body" dir="auto">
              {m.bodyPending ? (
                <span className="body-pending" role="status">
                  {t('thread.bodyPending')}
                </span>
              ) : showOwnWords && m.original ? (
                m.original.text
              ) : (
                m.text
              )}
            </div>
          );
        return translation ? <TranslatedBody entry={translation} original={body} /> : body;
      })()}
      {m.original && !awaitingTranslation && (
        <div className="translation-meta">
          {t('translation.sentTranslated')}{' '}
          <button type="button" className="link-button" onClick={() => setShowOwnWords(!showOwnWords)}>
            {showOwnWords ? t('translation.showSent') : t('translation.showOwnWords')}
          </button>
        </div>
      )}
      {awaitingTranslation && m.sendState !== 'failed' && (
        <div className="translation-meta" data-testid="awaiting-translation">
          {t('translation.awaiting')}{' '}
          <button type="button" className="link-button" onClick={() => actions.sendOriginal(m.id)}>
            {t('translation.sendOriginal')}
          </button>
        </div>
      )}
      {m.attachments.length > 0 && (
        <ul className="attachments" aria-label={t('thread.attachments')}>
          {m.attachments.map((a) => (
            <AttachmentItem key={a.id} a={a} />
          ))}
        </ul>
      )}
      <footer>
        {m.hasHtml && (
          <button type="button" className="link-button" onClick={() => setView(view === 'html' ? 'text' : 'html')}>
            {view === 'html' ? t('thread.showText') : t('thread.showFormatted')}
          </button>
        )}
        {!m.sendState && (
          <button type="button" className="link-button" onClick={() => setShowSource(true)}>
            {t('thread.viewSource')}
          </button>
        )}
        {showSource && <SourceDialog messageId={m.id} onClose={() => setShowSource(false)} />}
        {canForward && !m.sendState && (
          <button type="button" className="link-button" onClick={() => setForwarding(true)}>
            {t('forward.button')}
          </button>
        )}
        {forwarding && <ForwardDialog messageId={m.id} onClose={() => setForwarding(false)} />}
        {onSplit && !m.sendState && (
          <button type="button" className="link-button" onClick={onSplit} title={t('thread.splitHint')}>
            {t('thread.split')}
          </button>
        )}
        {m.autoKind && (
          <span className="auto-kind" data-testid="auto-kind">
            {t(`thread.autoKind.${m.autoKind}`)}
          </span>
        )}
        {m.sendState && (
          <span className={`send-state ${m.sendState}`} data-testid="send-state" title={m.sendError ?? ''}>
            {t(`sendState.${m.sendState}`)}
            {m.sendError && m.sendState !== 'sent' ? ` — ${m.sendError}` : ''}
          </span>
        )}
        {newerSince && (
          <span className="conflict" role="note">
            ⚠ {t('thread.newSince')}
          </span>
        )}
        {m.sendState === 'failed' && m.outboxId && (
          <span className="outbox-actions">
            <button type="button" onClick={() => actions.retry(m.outboxId!)}>
              {t('outbox.retry')}
            </button>
            <button type="button" onClick={() => onEdit(m)}>
              {t('outbox.edit')}
            </button>
            <button type="button" onClick={() => actions.discard(m.outboxId!)}>
              {t('outbox.discard')}
            </button>
            {awaitingTranslation && (
              <button type="button" onClick={() => actions.sendOriginal(m.id)}>
                {t('translation.sendOriginal')}
              </button>
            )}
          </span>
        )}
      </footer>
    </article>
  );
}

export interface ConversationActions {
  markUnread(): void;
  setFlagged(flagged: boolean): void;
  setStatus(status: 'open' | 'closed'): void;
  setTags(tags: string[]): void;
  move(to: Mailbox): void;
  moveToFolder(folder: string): void;
  snooze(until: number | null): void;
  addNote(text: string): Promise<ApiError | null>;
  /** Opens the customer's data: export or erase. */
  customerData(): void;
  /** Opens another conversation (of the same customer, say). */
  open(id: string): void;
}

/** Messenger and Instagram: how long the agent may still answer, said before they write. */
function ReplyWindowNotice({ detail, humanAgent }: { detail: ConversationDetail; humanAgent: boolean }) {
  const { t, i18n } = useTranslation();
  const lastIn = [...detail.messages].reverse().find((m) => m.direction === 'in')?.date ?? null;
  const state = replyWindowState(detail.conversation.channel, lastIn, Date.now(), humanAgent);
  if (!state) return null;
  const when = (ms: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
  return (
    <div className={`reply-window reply-window-${state.kind}`} role="note" data-testid="reply-window">
      {state.kind === 'open' && t('thread.windowOpen', { until: when(state.until) })}
      {state.kind === 'human-agent' && t('thread.windowHumanAgent', { until: when(state.until) })}
      {state.kind === 'closed' && t('thread.windowClosed')}
    </div>
  );
}

/** Where a marketplace will not deliver an e-mail reply, or may refuse it, the agent is told before writing. */
function MarketplaceNotice({ conversation, accountAddress }: { conversation: ConversationSummary; accountAddress: string }) {
  const { t } = useTranslation();
  const m = conversation.marketplace;
  if (!m) return null;
  if (m.blocked) {
    return (
      <div className="marketplace-notice" role="note" data-testid="blocked-notice">
        {t('thread.blocked', { name: m.name, reason: t(`thread.blockedReason.${m.blocked.code}`, { defaultValue: m.blocked.reason }) })}
      </div>
    );
  }
  if (m.replyBy === 'marketplace') {
    return (
      <div className="marketplace-notice" role="note">
        {t('thread.replyOnMarketplace', { name: m.name })}{' '}
        {m.replyUrl && (
          <a href={m.replyUrl} target="_blank" rel="noreferrer">
            {t('thread.openMarketplace', { name: m.name })}
          </a>
        )}
      </div>
    );
  }
  if (m.registeredSenderOnly && m.relayedTo && m.relayedTo !== accountAddress) {
    return (
      <div className="marketplace-notice" role="note">
        {t('thread.registeredSender', { name: m.name, relayedTo: m.relayedTo, address: accountAddress })}
      </div>
    );
  }
  return null;
}

interface ThreadViewProps {
  detail: ConversationDetail | null;
  templates: CannedResponse[];
  /** A canned response was used (its count and any machine-translated variant changed). */
  onCannedUsed: () => void;
  accountAddress: string;
  /** The account may answer Messenger/Instagram customers with the human-agent tag. */
  humanAgent: boolean;
  /** `original`: text is the translation of the agent's words; `translate`: translate text on the way out. */
  onReply: (text: string, options?: ReplyOptions) => Promise<ApiError | null>;
  conversation: ConversationActions;
  actions: OutboxActions;
}

function TagEditor({ tags, onChange }: { tags: string[]; onChange: (tags: string[]) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  return (
    <div className="tags" aria-label={t('thread.tags')}>
      {tags.map((tag) => (
        <span className="tag-chip" key={tag}>
          {tag}
          <button type="button" aria-label={t('thread.removeTag', { tag })} onClick={() => onChange(tags.filter((x) => x !== tag))}>
            ×
          </button>
        </span>
      ))}
      <input
        className="tag-input"
        aria-label={t('thread.addTag')}
        placeholder={t('thread.addTag')}
        value={draft}
        maxLength={40}
        onChange={(e) => setDraft(e.target.value.replace(/,/g, ''))}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && draft.trim()) {
            e.preventDefault();
            if (!tags.includes(draft.trim())) onChange([...tags, draft.trim()]);
            setDraft('');
          }
        }}
      />
    </div>
  );
}

/** How urgent the conversation is: as its customer's messages say, or as the agent sets it. */
function UrgencyPicker({ conversation, onError }: { conversation: ConversationSummary; onError: (e: ApiError) => void }) {
  const { t } = useTranslation();
  const value = conversation.urgencySetByAgent ? conversation.urgency : '';
  return (
    <label className="urgency-picker">
      {t('urgency.label')}
      <select
        name="urgency"
        value={value}
        onChange={(e) => {
          const urgency = (e.target.value || null) as Urgency | null;
          void getApi()
            .invoke('conversations.setUrgency', { id: conversation.id, urgency })
            .then((r) => !r.ok && onError(r.error));
        }}
      >
        <option value="">{conversation.urgencySetByAgent ? t('urgency.autoPlain') : t('urgency.auto', { level: t(`urgency.${conversation.urgency}`) })}</option>
        {(['urgent', 'normal', 'low'] as const).map((u) => (
          <option key={u} value={u}>
            {t(`urgency.${u}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Blocks the sender (their conversations and later messages go to Spam), or unblocks them: undone as easily. */
function BlockSenderButton({ conversation, blocked, onError }: { conversation: ConversationSummary; blocked: boolean; onError: (e: ApiError) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  if (!conversation.customerAddress) return null;
  const call = blocked ? 'senders.unblock' : 'senders.block';
  return (
    <button
      type="button"
      disabled={busy}
      title={t(blocked ? 'thread.unblockHint' : 'thread.blockHint', { address: conversation.customerAddress })}
      onClick={() => {
        setBusy(true);
        void getApi()
          .invoke(call, { conversationId: conversation.id })
          .then((r) => {
            setBusy(false);
            if (!r.ok) onError(r.error);
          });
      }}
    >
      {t(blocked ? 'thread.unblockSender' : 'thread.blockSender')}
    </button>
  );
}

export const ThreadView = forwardRef<HTMLTextAreaElement, ThreadViewProps>(
  function ThreadView({ detail, templates, onCannedUsed, accountAddress, humanAgent, onReply, conversation: act, actions }, replyRef) {
    const { t, i18n } = useTranslation();
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<ApiError | null>(null);
    const endRef = useRef<HTMLDivElement>(null);
    const conversationId = detail?.conversation.id;
    // The reply box's text and mode, kept as a draft per conversation (across switches and restarts).
    const onDraftError = useCallback((message: string) => setError({ code: 'INTERNAL', message }), []);
    const { text: draft, setText: setDraft, mode, setMode } = useDraft(conversationId, onDraftError);
    const signature = useSignature(detail?.conversation.accountId);
    const translationSettings = useTranslationSettings();
    const translated = useConversationTranslation(conversationId);
    const [translateReply, setTranslateReply] = useState(true);
    // E-mail copies for the next reply.
    const [replyAll, setReplyAll] = useState(false);
    const [copies, setCopies] = useState<{ open: boolean; cc: string; bcc: string }>({ open: false, cc: '', bcc: '' });
    const [files, setFiles] = useState<OutgoingFile[]>([]);
    const [pickerOpen, setPickerOpen] = useState(false);
    const [draftTranslation, setDraftTranslation] = useState<DraftTranslation>({ preview: null });
    // The canned response last inserted: what it could not fill in, and why it was not translated.
    const [inserted, setInserted] = useState<CannedInsert | null>(null);
    // Accounts translated automatically open their conversations translated (from the memory, offline too).
    const autoTranslated = Boolean(detail && translationSettings?.provider && translationSettings.autoAccounts.includes(detail.conversation.accountId));
    const { translate: translateThread } = translated;
    useEffect(() => {
      if (autoTranslated && detail?.conversation.language && detail.conversation.language !== translationSettings?.agentLanguage) void translateThread();
    }, [conversationId, autoTranslated, translateThread]);

    // Switching conversations clears errors (the draft store brings back the other conversation's text).
    useEffect(() => {
      setError(null);
      setReplyAll(false);
      setCopies({ open: false, cc: '', bcc: '' });
      setFiles([]);
      setDraftTranslation({ preview: null });
      setInserted(null);
    }, [conversationId]);
    // An undone reply comes back with its copies and files, not only its text.
    const putExtras = useCallback((x: ReplyExtras) => {
      setReplyAll(x.replyAll);
      setCopies({ open: x.cc.length + x.bcc.length > 0, cc: x.cc.join(', '), bcc: x.bcc.join(', ') });
      setFiles(x.files);
    }, []);
    useRestoredExtras(conversationId, putExtras);
    useEffect(() => {
      endRef.current?.scrollIntoView({ block: 'end' });
    }, [conversationId, detail?.messages.length, detail?.notes.length]);

    if (!detail) {
      return (
        <section className="thread empty-thread">
          <h2>{t('thread.none')}</h2>
          <p>{t('thread.noneHint')}</p>
        </section>
      );
    }
    const { conversation, messages, notes } = detail;
    // Messages and notes in one timeline, oldest first.
    const timeline: Array<{ at: number; message?: Message; note?: Note }> = [
      ...messages.map((m) => ({ at: m.date, message: m })),
      ...notes.map((n) => ({ at: n.createdAt, note: n })),
    ].sort((a, b) => a.at - b.at);
    const agentLanguage = translationSettings?.agentLanguage ?? null;
    // Who else the customer's newest message went to (reply all): not the shop, not the customer.
    const lastIn = [...messages].reverse().find((m) => m.direction === 'in');
    const othersOnLast = lastIn
      ? [...lastIn.to, ...lastIn.cc].filter((p) => p.address && p.address.toLowerCase() !== accountAddress.toLowerCase() && p.address.toLowerCase() !== lastIn.from.address.toLowerCase())
      : [];
    // The customer writes in another language than the agent, and a provider is set up.
    const foreign = Boolean(translationSettings?.provider && conversation.language && agentLanguage && conversation.language !== agentLanguage);
    const translating = foreign && translateReply && mode === 'reply';
    const send = async () => {
      if (!draft.trim() || busy) return;
      setBusy(true);
      const extra: ReplyOptions = {
        ...(replyAll ? { replyAll: true } : {}),
        ...(addressList(copies.cc).length ? { cc: addressList(copies.cc) } : {}),
        ...(addressList(copies.bcc).length ? { bcc: addressList(copies.bcc) } : {}),
        ...(files.length ? { attachments: forSending(files) } : {}),
      };
      const err =
        mode === 'note'
          ? await act.addNote(draft)
          : translating && draftTranslation.preview?.trim()
            ? await onReply(draftTranslation.preview, { ...extra, original: { text: draft, language: agentLanguage! } })
            : translating
              ? await onReply(draft, { ...extra, translate: true })
              : await onReply(draft, extra);
      setBusy(false);
      setError(err);
      if (!err) {
        setDraft('');
        setDraftTranslation({ preview: null });
        setInserted(null);
        setReplyAll(false);
        setCopies({ open: false, cc: '', bcc: '' });
        setFiles([]);
      }
    };
    const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
      // "/" in an empty reply opens the canned responses.
      if (e.key === '/' && mode === 'reply' && draft.trim() === '') {
        e.preventDefault();
        setPickerOpen(true);
        return;
      }
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void send();
      }
    };
    return (
      <section className="thread" aria-label={conversation.subject}>
        <header className="thread-header">
          <h1>{conversation.subject}</h1>
          <div className="customer-line">
            {conversation.customerName} &lt;{conversation.customerAddress}&gt;
            {conversation.customerAddress && (
              <button type="button" className="link-button customer-data" onClick={act.customerData}>
                {t('privacy.customerData')}
              </button>
            )}
            {conversation.replyDueAt !== null && <ReplyDue dueAt={conversation.replyDueAt} />}
            {detail.lastMerge && (
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  void getApi()
                    .invoke('conversations.unmerge', { mergeId: detail.lastMerge!.id })
                    .then((r) => !r.ok && setError(r.error))
                }
              >
                {t('thread.undoMerge', { subject: detail.lastMerge.subject })}
              </button>
            )}
            {detail.csat && (
              <span className="csat-badge" data-testid="csat" title={new Date(detail.csat.at).toLocaleString()}>
                {t('thread.csat', { score: detail.csat.score })}
              </span>
            )}
            {conversation.marketplace && (
              <span className="marketplace-badge" data-testid="marketplace">
                {conversation.marketplace.name}
                {conversation.marketplace.orderId && ` · ${t('thread.marketplaceOrder', { order: conversation.marketplace.orderId })}`}
                {conversation.marketplace.itemId && ` · ${t('thread.marketplaceItem', { item: conversation.marketplace.itemId })}`}
              </span>
            )}
          </div>
          <LanguagePicker conversation={conversation} onError={(message) => setError({ code: 'INTERNAL', message })} />
          <UrgencyPicker conversation={conversation} onError={setError} />
          <CustomerPanel conversationId={conversation.id} clock={detail.customerClock ?? null} onOpen={act.open} refreshKey={detail} />
          <div className="thread-actions">
            <button
              type="button"
              onClick={() =>
                void getApi()
                  .invoke('conversations.assign', { id: conversation.id, mine: conversation.assignee === null })
                  .then((r) => !r.ok && setError(r.error))
              }
            >
              {conversation.assignee === null ? `👤 ${t('thread.assignToMe')}` : t('thread.unassign', { name: conversation.assignee })}
            </button>
            <button type="button" aria-pressed={conversation.flagged} onClick={() => act.setFlagged(!conversation.flagged)}>
              {conversation.flagged ? `★ ${t('thread.unstar')}` : `☆ ${t('thread.star')}`}
            </button>
            <button type="button" onClick={() => act.setStatus(conversation.status === 'open' ? 'closed' : 'open')}>
              {conversation.status === 'open' ? t('thread.close') : t('thread.reopen')}
            </button>
            <button type="button" onClick={act.markUnread}>
              {t('thread.markUnread')}
            </button>
            {foreign &&
              (translated.result ? (
                <button type="button" aria-pressed={translated.shown} onClick={translated.toggle}>
                  {translated.shown ? t('translation.showAsWritten') : t('translation.showTranslated')}
                </button>
              ) : (
                <button type="button" onClick={() => void translated.translate()} disabled={translated.busy}>
                  {translated.busy ? t('translation.translating') : t('translation.translate')}
                </button>
              ))}
          </div>
          <FormError error={translated.error} />
          <div className="thread-actions">
            {conversation.mailbox !== 'archive' && (
              <button type="button" onClick={() => act.move('archive')}>
                {t('thread.archive')}
              </button>
            )}
            {conversation.mailbox !== 'trash' && (
              <button type="button" onClick={() => act.move('trash')}>
                {t('thread.delete')}
              </button>
            )}
            {conversation.mailbox !== 'inbox' && (
              <button type="button" onClick={() => act.move('inbox')}>
                {conversation.mailbox === 'spam' ? t('thread.notSpam') : t('thread.moveToInbox')}
              </button>
            )}
            {conversation.mailbox !== 'spam' && (
              <button type="button" onClick={() => act.move('spam')}>
                {t('thread.reportSpam')}
              </button>
            )}
            <BlockSenderButton conversation={conversation} blocked={detail.senderBlocked === true} onError={setError} />
            <FolderPicker accountId={conversation.accountId} onPick={act.moveToFolder} />
            {conversation.snoozedUntil && conversation.snoozedUntil > Date.now() ? (
              <button type="button" onClick={() => act.snooze(null)} title={t('thread.snoozedUntil', { time: fullTime(conversation.snoozedUntil, i18n.language) })}>
                {t('thread.unsnooze')}
              </button>
            ) : (
              <select
                aria-label={t('thread.snooze')}
                value=""
                onChange={(e) => e.target.value && act.snooze(snoozeUntil(e.target.value as SnoozeChoice))}
              >
                <option value="">{t('thread.snooze')}</option>
                <option value="later">{t('thread.snoozeLater')}</option>
                <option value="tomorrow">{t('thread.snoozeTomorrow')}</option>
                <option value="nextWeek">{t('thread.snoozeNextWeek')}</option>
              </select>
            )}
          </div>
          <TagEditor tags={conversation.tags} onChange={act.setTags} />
        </header>
        <div className="messages">
          {timeline.map((entry) =>
            entry.note ? (
              <NoteItem key={entry.note.id} note={entry.note} />
            ) : (
            <MessageItem
              key={entry.message!.id}
              m={entry.message!}
              // Someone (the customer, or another agent) wrote after this reply was composed and before it left.
              newerSince={
                (entry.message!.sendState === 'queued' || entry.message!.sendState === 'failed') &&
                messages.some((o) => o.id !== entry.message!.id && o.date > entry.message!.date && !o.sendState)
              }
              actions={actions}
              clock={detail.customerClock ?? null}
              canForward={conversation.channel === 'email' || conversation.channel === 'demo'}
              onSplit={
                messages.length > 1
                  ? () =>
                      void getApi()
                        .invoke('messages.split', { id: entry.message!.id })
                        .then((r) => !r.ok && setError(r.error))
                  : undefined
              }
              translation={translated.shown ? translated.result?.messages.find((x) => x.id === entry.message!.id && (x.translation !== null || x.state !== 'done')) : undefined}
              onEdit={(failed) => {
                // The failed reply comes back into the box to be changed and sent anew.
                setDraft(failed.text);
                actions.discard(failed.outboxId!);
              }}
            />
            ),
          )}
          <div ref={endRef} />
        </div>
        <MarketplaceNotice conversation={conversation} accountAddress={accountAddress} />
        <ReplyWindowNotice detail={detail} humanAgent={humanAgent} />
        <form
          className="reply"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <div className="compose-modes" role="tablist">
            <button type="button" role="tab" aria-selected={mode === 'reply'} onClick={() => setMode('reply')}>
              {t('reply.modeReply')}
            </button>
            <button type="button" role="tab" aria-selected={mode === 'note'} onClick={() => setMode('note')}>
              {t('reply.modeNote')}
            </button>
          </div>
          <textarea
            ref={replyRef}
            className={mode === 'note' ? 'note-mode' : undefined}
            aria-label={mode === 'note' ? t('reply.noteLabel') : t('reply.label')}
            placeholder={
              mode === 'note'
                ? t('reply.notePlaceholder')
                : t('reply.placeholder', { name: conversation.customerName || conversation.customerAddress })
            }
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            rows={4}
            dir="auto"
          />
          {mode === 'reply' && signature && (
            <pre className="signature-preview" data-testid="signature-preview" title={t('signature.previewHint')}>
              {`-- \n${signature}`}
            </pre>
          )}
          {mode === 'reply' && (conversation.channel === 'email' || conversation.channel === 'demo') && (
            <div className="copies">
              {othersOnLast.length > 0 && (
                <label className="checkbox" title={othersOnLast.map((p) => p.address).join(', ')}>
                  <input type="checkbox" name="reply-all" checked={replyAll} onChange={(e) => setReplyAll(e.target.checked)} />
                  {t('reply.replyAll', { count: othersOnLast.length })}
                </label>
              )}
              <AttachFiles files={files} onChange={setFiles} />
              {!copies.open ? (
                <button type="button" className="link-button" onClick={() => setCopies({ ...copies, open: true })}>
                  {t('reply.ccBcc')}
                </button>
              ) : (
                <>
                  <label>
                    {t('reply.cc')}
                    <input name="cc" type="text" inputMode="email" value={copies.cc} onChange={(e) => setCopies({ ...copies, cc: e.target.value })} />
                  </label>
                  <label>
                    {t('reply.bcc')}
                    <input name="bcc" type="text" inputMode="email" value={copies.bcc} onChange={(e) => setCopies({ ...copies, bcc: e.target.value })} />
                  </label>
                </>
              )}
            </div>
          )}
          {foreign && mode === 'reply' && (
            <label className="checkbox translate-toggle">
              <input type="checkbox" checked={translateReply} onChange={(e) => setTranslateReply(e.target.checked)} />
              {t('translation.translateReply')}
            </label>
          )}
          {translating && (
            <TranslateDraft conversationId={conversation.id} customerLanguage={conversation.language!} draft={draft} value={draftTranslation} onChange={setDraftTranslation} />
          )}
          {inserted && draft.trim() && (inserted.missing.length > 0 || inserted.notice) && (
            <div className="hint warning canned-gaps" role="status">
              {inserted.missing.length > 0 && <div>{t('templates.missing', { list: inserted.missing.map((v) => `{{${v}}}`).join(' ') })}</div>}
              {inserted.notice && <div>{t('templates.notTranslated', { reason: inserted.notice })}</div>}
            </div>
          )}
          <FormError error={error} />
          <div className="reply-actions">
            {mode === 'reply' && (
              <TemplatePicker
                templates={templates}
                conversationId={conversation.id}
                translating={translating}
                onInsert={(insert) => {
                  const wasEmpty = !draft.trim();
                  setDraft(draft.trim() ? `${draft.trimEnd()}\n\n${insert.draft.text}` : insert.draft.text);
                  // The customer's own variant (or its machine translation) becomes the translation preview, to edit.
                  if (translating && insert.customer) {
                    const text = insert.customer.text;
                    setDraftTranslation((p) => (wasEmpty || p.preview === null ? (wasEmpty ? { preview: text } : p) : { preview: `${p.preview.trimEnd()}\n\n${text}` }));
                  }
                  setInserted(insert);
                  onCannedUsed();
                }}
                open={pickerOpen}
                onOpenChange={(open) => {
                  setPickerOpen(open);
                  if (!open) (replyRef as { current: HTMLTextAreaElement | null } | null)?.current?.focus();
                }}
              />
            )}
            <span className="hint">{t('reply.hint')}</span>
            <button type="submit" className="primary" disabled={busy || !draft.trim()}>
              {busy ? t('reply.sending') : mode === 'note' ? t('reply.addNote') : t('reply.send')}
            </button>
          </div>
        </form>
      </section>
    );
  },
);
