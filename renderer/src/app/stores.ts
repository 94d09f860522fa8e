// The window's stores, made once for an InboxApi, and what keeps them current: the first loads, the core's pushed
// events, the network coming back, and the core reconnecting.
import type { InboxApi } from '../../../shared/ipc/contract';
import { AccountsStore } from '../features/accounts/accounts-store';
import { ConversationListStore } from '../features/conversations/conversation-list-store';
import { NoticeStore } from '../features/notices/notice-store';
import { ConnectionStore } from '../features/sync/connection-store';
import { OutboxStore } from '../features/sync/outbox-store';
import { TemplatesStore } from '../features/templates/templates-store';
import { ThreadStore } from '../features/thread/thread-store';

export function createStores(api: InboxApi) {
  const notices = new NoticeStore();
  return {
    notices,
    connection: new ConnectionStore(),
    accounts: new AccountsStore(api, notices),
    list: new ConversationListStore(api, (e) => notices.failed(e)),
    thread: new ThreadStore(api, notices),
    outbox: new OutboxStore(api, notices),
    templates: new TemplatesStore(api, notices),
  };
}

export type Stores = ReturnType<typeof createStores>;

export interface StartOptions {
  /** The core connection's ups and downs (the browser host's socket). */
  onCoreConnection?: (listener: (up: boolean) => void) => () => void;
  /** The operating system's "back online". */
  onNetworkBack?: (listener: () => void) => () => void;
}

/** Loads what the first screen shows and follows the core from then on; resolves `ready` once loaded. */
export function startStores(api: InboxApi, s: Stores, options: StartOptions = {}): { ready: Promise<void>; stop: () => void } {
  const loadAll = () => Promise.all([s.accounts.load(), s.list.reload(), s.outbox.load()]);
  const ready = Promise.all([loadAll(), s.templates.load()]).then(() => undefined);
  const offs = [
    s.accounts.connect(),
    s.outbox.connect(),
    api.on('conversations.changed', (e) => {
      void s.list.changed(e.ids);
      s.thread.changed(e.ids);
    }),
    // The network is back: reconnect and send what waits, without a click.
    options.onNetworkBack?.(() => void api.invoke('sync.now', {})) ?? (() => undefined),
    options.onCoreConnection?.((up) => {
      s.connection.setConnected(up);
      if (up) void loadAll();
    }) ?? (() => undefined),
  ];
  return { ready, stop: () => offs.forEach((off) => off()) };
}
