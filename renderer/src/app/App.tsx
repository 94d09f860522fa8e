// The app shell: makes the window's stores (accounts, list, thread, outbox, notices, canned responses), lays out
// sidebar, inbox list and thread, and opens dialogs. Keyboard: J/K move, R replies, N writes, ? lists shortcuts.
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ApiError, Mailbox } from '../../../shared/domain/types';
import { getApi, onCoreConnection } from '../api/client';
import { AddApiAccountDialog, EBAY, INSTAGRAM, MERCADO_LIBRE, MESSENGER } from '../features/accounts/AddApiAccountDialog';
import { isOffline } from '../features/accounts/accounts-store';
import { Sidebar, type FolderView } from '../features/accounts/Sidebar';
import { Welcome } from '../features/accounts/Welcome';
import { ConversationList } from '../features/conversations/ConversationList';
import { NoticeToast } from '../features/notices/NoticeToast';
import { useDesktopNotifications } from '../features/notifications/desktop-notifications';
import { useUnreadTitle } from '../features/notifications/unread-title';
import { SearchBox } from '../features/search/SearchBox';
import { SearchViews } from '../features/search/SearchViews';
import { useSearch } from '../features/search/search-store';
import { ConnectionBanner } from '../features/sync/ConnectionBanner';
import { SyncBar } from '../features/sync/SyncBar';
import type { ReplyOptions } from '../features/thread/thread-store';
import { ThreadView, type ConversationActions, type OutboxActions } from '../features/thread/ThreadView';
import { UndoSend, type NewMailDraft, type PendingSend } from '../features/thread/UndoSend';
import { snoozeUntil } from '../components/snooze-times';
import { createStores, startStores } from './stores';
import { useStore } from './store';

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

type SimpleDialog = 'pick-channel' | 'add-account' | 'add-telegram' | 'add-ebay' | 'add-mercadolibre' | 'add-messenger' | 'add-instagram' | 'shortcuts' | 'canned' | 'outbox' | 'privacy' | 'translation' | 'auto-reply' | 'reports' | 'notifications';
/** The one dialog open, with what it is about. */
type Dialog =
  | { name: SimpleDialog }
  /** A new e-mail: empty, or one taken back with Undo to edit again. */
  | { name: 'new-mail'; draft?: NewMailDraft }
  | { name: 'sign-in-again' | 'remove-account' | 'signature'; account: Account }
  /** The customer's data (kept when their conversation goes away by erasing it). */
  | { name: 'customer-data'; address: string; customerName: string }
  | null;

const listViewOf = (m: Mailbox, f: FolderView | null) => (f ? ({ kind: 'folder', accountId: f.accountId, path: f.path } as const) : ({ kind: 'mailbox', mailbox: m } as const));

export function App() {
  const { t } = useTranslation();
  const api = getApi();
  const [stores] = useState(() => createStores(api));
  const { notices, accounts: accountsStore, list, thread, outbox: outboxStore, templates: templatesStore, connection } = stores;
  const [loaded, setLoaded] = useState(false);
  const { accounts, statuses, progress } = useStore(accountsStore);
  const { rows: conversations, view } = useStore(list);
  const { selectedId, detail } = useStore(thread);
  const outbox = useStore(outboxStore);
  const templates = useStore(templatesStore);
  const { notice } = useStore(notices);
  const { coreConnected } = useStore(connection);
  const [dialog, setDialog] = useState<Dialog>(null);
  const open = (name: SimpleDialog) => setDialog({ name });
  const closeDialog = () => setDialog(null);
  // The reply just sent, while it can still be taken back.
  const [pendingSend, setPendingSend] = useState<PendingSend | null>(null);
  const endPendingSend = useCallback(() => setPendingSend(null), []);
  const searchRef = useRef<HTMLInputElement>(null);
  const replyRef = useRef<HTMLTextAreaElement>(null);

  // A folder view keeps the mailbox last shown (moves out of it are judged against that mailbox).
  const lastMailbox = useRef<Mailbox>('inbox');
  if (view.kind === 'mailbox') lastMailbox.current = view.mailbox;
  const mailbox = lastMailbox.current;
  const folder: FolderView | null = view.kind === 'folder' ? { accountId: view.accountId, path: view.path } : null;

  useEffect(() => {
    const started = startStores(api, stores, {
      onCoreConnection,
      onNetworkBack: (listener) => {
        window.addEventListener('online', listener);
        return () => window.removeEventListener('online', listener);
      },
    });
    void started.ready.then(() => setLoaded(true));
    return started.stop;
  }, [api, stores]);

  const search = useSearch(conversations);
  // The window title (in the UI language) carries the unread count, which the desktop shell shows on its badge.
  useUnreadTitle(conversations);

  const searchResults = search.results;
  const select = useCallback(
    (id: string) => {
      const row = list.get().rows.find((c) => c.id === id) ?? searchResults?.find((c) => c.id === id);
      thread.open(id, { markRead: (row?.unreadCount ?? 0) > 0 });
    },
    [thread, list, searchResults],
  );
  // A customer's new message on the desktop; clicking it opens the conversation.
  useDesktopNotifications(select);

  /** After a conversation leaves this view (archived, deleted, snoozed), open the one below it. */
  const selectNext = useCallback(
    (goneId: string) => {
      const rows = list.get().rows;
      const index = rows.findIndex((c) => c.id === goneId);
      const next = rows.filter((c) => c.id !== goneId)[Math.max(0, index)] ?? null;
      if (next) select(next.id);
      else thread.close();
    },
    [list, thread, select],
  );

  /** Shows another view (a mailbox, or one account folder): nothing selected, its conversations loaded. */
  const switchView = (m: Mailbox, f: FolderView | null) => {
    thread.close();
    void list.reload(listViewOf(m, f));
  };

  const conversationActions: ConversationActions = {
    markUnread: () => thread.markRead(false),
    setFlagged: (flagged) => thread.setFlagged(flagged),
    setStatus: (status) => thread.setStatus(status),
    setTags: (tags) => thread.setTags(tags),
    move: (to) => {
      const id = thread.get().selectedId;
      void thread.move({ to }).then((now) => now !== null && to !== mailbox && id && selectNext(id));
    },
    moveToFolder: (name) => {
      const id = thread.get().selectedId;
      void thread.move({ folder: name }).then((now) => {
        if (now === null || !id) return;
        notices.info(t('thread.movedTo', { folder: name }));
        if (now !== mailbox) selectNext(id);
      });
    },
    snooze: (until) => {
      const id = thread.get().selectedId;
      void thread.snooze(until).then((done) => done && until !== null && id && selectNext(id));
    },
    open: select,
    customerData: () => detail && setDialog({ name: 'customer-data', address: detail.conversation.customerAddress, customerName: detail.conversation.customerName }),
    addNote: (text) => thread.addNote(text),
  };

  const outboxActions: OutboxActions = {
    retry: (id) => outboxStore.retry(id),
    discard: (id) => outboxStore.discard(id),
    sendOriginal: (messageId) => thread.sendOriginal(messageId),
  };

  const reply = async (text: string, options?: ReplyOptions): Promise<ApiError | null> => {
    const sent = await thread.reply(text, options);
    if ('error' in sent) return sent.error;
    if (sent.pending) setPendingSend(sent.pending);
    return null;
  };

  // Keyboard shortcuts, ignored while typing or while a dialog is open.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (dialog || e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      const rows = list.get().rows;
      const index = rows.findIndex((c) => c.id === selectedId);
      const onThread = (run: () => void) => {
        if (!detail) return;
        run();
        e.preventDefault();
      };
      if (e.key === 'j' || e.key === 'k') {
        const next = rows[e.key === 'j' ? Math.min(rows.length - 1, index + 1) : Math.max(0, index - 1)];
        if (next) select(next.id);
        e.preventDefault();
      } else if (e.key === 'u') onThread(() => thread.markRead(false));
      else if (e.key === 's') onThread(() => thread.toggleFlagged());
      else if (e.key === 'a') onThread(() => conversationActions.move('archive'));
      else if (e.key === 'Delete') onThread(() => conversationActions.move('trash'));
      else if (e.key === 'z') onThread(() => conversationActions.snooze(snoozeUntil('tomorrow')));
      else if (e.key === 'e') onThread(() => thread.toggleStatus());
      else if (e.key === 'r') onThread(() => replyRef.current?.focus());
      else if (e.key === 'n') {
        setDialog({ name: 'new-mail' });
        e.preventDefault();
      } else if (e.key === '?') open('shortcuts');
      else if (e.key === '/') {
        searchRef.current?.focus();
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const openDemo = async () => {
    if (!notices.ok(await api.invoke('demo.open', {}))) return;
    await Promise.all([accountsStore.load(), list.reload(), templatesStore.load()]);
  };

  /** An account was added (any channel): the dialog closes, the notice says so, the sidebar shows it. */
  const accountAdded = (message: string) => {
    closeDialog();
    notices.info(message);
    void accountsStore.load();
  };

  const dialogs = (
    <Suspense fallback={null}>
      {dialog?.name === 'pick-channel' && <ChannelPickerDialog onClose={closeDialog} onPick={(c) => open(c === 'email' ? 'add-account' : `add-${c}`)} />}
      {dialog?.name === 'add-account' && <AddAccountDialog onClose={closeDialog} onAdded={(a) => accountAdded(t('account.added', { address: a.address }))} />}
      {dialog?.name === 'add-telegram' && <AddTelegramDialog onClose={closeDialog} onAdded={(a) => accountAdded(t('telegram.added', { address: a.address }))} />}
      {dialog?.name === 'add-ebay' && <AddApiAccountDialog channel={EBAY} onClose={closeDialog} onAdded={(a) => accountAdded(t('ebay.added', { name: a.name }))} />}
      {(dialog?.name === 'add-messenger' || dialog?.name === 'add-instagram') && (
        <AddApiAccountDialog channel={dialog.name === 'add-messenger' ? MESSENGER : INSTAGRAM} onClose={closeDialog} onAdded={(a) => accountAdded(t('meta.added', { name: a.name }))} />
      )}
      {dialog?.name === 'add-mercadolibre' && <AddApiAccountDialog channel={MERCADO_LIBRE} onClose={closeDialog} onAdded={(a) => accountAdded(t('mercadolibre.added', { name: a.name }))} />}
      {dialog?.name === 'sign-in-again' && (
        <SignInAgainDialog
          account={dialog.account}
          onClose={closeDialog}
          onDone={(a) => {
            closeDialog();
            notices.info(t('signIn.done', { address: a.address }));
            void accountsStore.load();
          }}
        />
      )}
      {dialog?.name === 'remove-account' && (
        <RemoveAccountDialog
          account={dialog.account}
          onClose={closeDialog}
          onRemoved={() => {
            notices.info(t('removeAccount.done', { address: dialog.account.address }));
            closeDialog();
            switchView('inbox', null);
            void Promise.all([accountsStore.load(), outboxStore.load(), templatesStore.load()]);
          }}
        />
      )}
      {dialog?.name === 'privacy' && <PrivacyDialog onClose={closeDialog} />}
      {dialog?.name === 'translation' && <TranslationDialog onClose={closeDialog} />}
      {dialog?.name === 'auto-reply' && <AutoReplyDialog accounts={accounts} onClose={closeDialog} />}
      {dialog?.name === 'reports' && <ReportsDialog accounts={accounts} onClose={closeDialog} />}
      {dialog?.name === 'signature' && <SignatureDialog account={dialog.account} onClose={closeDialog} />}
      {dialog?.name === 'new-mail' && (
        <NewMailDialog
          accounts={accounts}
          draft={dialog.draft}
          onClose={closeDialog}
          onSent={(conversationId, pending) => {
            closeDialog();
            setPendingSend(pending);
            select(conversationId);
          }}
        />
      )}
      {dialog?.name === 'notifications' && <NotificationsDialog accounts={accounts} onClose={closeDialog} />}
      {dialog?.name === 'customer-data' && (
        <CustomerDataDialog
          address={dialog.address}
          name={dialog.customerName}
          onClose={closeDialog}
          onErased={() => {
            thread.close();
            void Promise.all([list.reload(), outboxStore.load()]);
          }}
        />
      )}
      {dialog?.name === 'shortcuts' && <ShortcutsDialog onClose={closeDialog} />}
      {dialog?.name === 'outbox' && <OutboxDialog onClose={closeDialog} />}
      {dialog?.name === 'canned' && <CannedResponsesDialog templates={templates} onClose={closeDialog} onChanged={() => void templatesStore.load()} />}
    </Suspense>
  );

  const toast = notice && !pendingSend && <NoticeToast notice={notice} onDismiss={() => notices.dismiss()} />;

  if (!loaded) return null;
  if (accounts.length === 0) {
    return (
      <>
        <Welcome onAddAccount={() => open('add-account')} onPickChannel={() => open('pick-channel')} onOpenDemo={() => void openDemo()} />
        {toast}
        {dialogs}
      </>
    );
  }

  const account = accountsStore.account(detail?.conversation.accountId);
  return (
    <div className="layout">
      <Sidebar
        views={<SearchViews search={search} accounts={accounts} refreshKey={conversations} />}
        accounts={accounts}
        statuses={statuses}
        mailbox={mailbox}
        onMailbox={(m) => switchView(m, null)}
        folder={folder}
        onFolder={(f) => switchView(mailbox, f)}
        onAddChannel={() => open('pick-channel')}
        onSync={() => void api.invoke('sync.now', {}).then((r) => notices.ok(r))}
        onCannedResponses={() => open('canned')}
        onPrivacy={() => open('privacy')}
        onTranslation={() => open('translation')}
        onAutoReply={() => open('auto-reply')}
        onReports={() => open('reports')}
        onNotifications={() => open('notifications')}
        onNewMail={() => setDialog({ name: 'new-mail' })}
        onSignInAgain={(a) => setDialog({ name: 'sign-in-again', account: a })}
        onRemoveAccount={(a) => setDialog({ name: 'remove-account', account: a })}
        onSignature={(a) => setDialog({ name: 'signature', account: a })}
      />
      <section className="inbox">
        <ConnectionBanner coreConnected={coreConnected} offline={isOffline({ accounts, statuses })} outbox={outbox} onOpenOutbox={() => open('outbox')} />
        <SyncBar progress={Object.values(progress)} />
        <SearchBox ref={searchRef} search={search} />
        <ConversationList items={search.results ?? conversations} selectedId={selectedId} onSelect={select} onEndReached={search.results ? () => undefined : () => void list.loadMore()} />
      </section>
      <ThreadView
        ref={replyRef}
        templates={templates}
        onCannedUsed={() => void templatesStore.load()}
        accountAddress={account?.address ?? ''}
        humanAgent={account?.humanAgent ?? false}
        detail={detail}
        onReply={reply}
        conversation={conversationActions}
        actions={outboxActions}
      />
      {pendingSend && (
        <UndoSend
          key={pendingSend.outboxId}
          pending={pendingSend}
          onDone={endPendingSend}
          onNotice={(message) => notices.info(message)}
          // The e-mail opens again as it was written (its conversation went with it, and leaves the list and the thread).
          onNewMailBack={(draft) => setDialog({ name: 'new-mail', draft })}
        />
      )}
      {toast}
      {dialogs}
    </div>
  );
}
