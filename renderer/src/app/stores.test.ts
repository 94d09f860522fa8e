// The window's stores kept current by the core: first loads, pushed events (accounts, status, sync progress,
// outbox counts, changed conversations), the network coming back, the core reconnecting — and one place where a
// failed call is shown, for a few seconds.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Account, AccountStatus } from '../../../shared/domain/types';
import { isOffline } from '../features/accounts/accounts-store';
import { NOTICE_MS, NoticeStore } from '../features/notices/notice-store';
import { FakeInboxApi, summary } from './fake-inbox-api';
import { createStores, startStores } from './stores';

const account = (id: string, status: Partial<AccountStatus> = {}): Account => ({ id, channel: 'email', name: id, address: `${id}@example.test`, createdAt: 1, status: { accountId: id, state: 'online', ...status } });
const settle = () => new Promise((r) => setTimeout(r, 0));

function core() {
  let accounts = [account('shop')];
  const api = new FakeInboxApi()
    .handle('accounts.list', () => ({ ok: true, value: accounts }))
    .handle('conversations.list', () => ({ ok: true, value: [summary('a', 2), summary('b', 1)] }))
    .handle('conversations.summaries', ({ ids }) => ({ ok: true, value: ids.map((id) => summary(id, 3, { unreadCount: 1 })) }))
    .handle('conversations.get', ({ id }) => ({ ok: true, value: { conversation: summary(id, 3), messages: [], notes: [] } }))
    .handle('app.info', () => ({ ok: true, value: { outbox: { pending: 2, failed: 0 } } as never }))
    .handle('canned.list', () => ({ ok: true, value: [] }))
    .handle('sync.now', () => ({ ok: true, value: {} as never }));
  return { api, setAccounts: (a: Account[]) => (accounts = a) };
}

afterEach(() => vi.useRealTimers());

describe("the window's stores", () => {
  it('load what the first screen shows, then follow the core’s events, and stop following when told', async () => {
    const { api, setAccounts } = core();
    const s = createStores(api);
    const started = startStores(api, s);
    await started.ready;
    expect(s.accounts.get().accounts.map((a) => a.id)).toEqual(['shop']);
    expect(s.list.get().rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(s.outbox.get()).toEqual({ pending: 2, failed: 0 });

    // An account added elsewhere (the command line), its status, a sync under way, the outbox draining.
    setAccounts([account('shop'), account('ebay')]);
    api.emit('accounts.changed', {} as never);
    api.emit('account.status', { accountId: 'ebay', state: 'error', errorCode: 'UNREACHABLE' });
    api.emit('sync.progress', { accountId: 'shop', folder: 'INBOX', done: 10, total: 40, finished: false } as never);
    api.emit('outbox.changed', { pending: 0, failed: 1 });
    await settle();
    expect(s.accounts.get().accounts).toHaveLength(2);
    expect(s.accounts.get().progress.shop).toMatchObject({ done: 10, total: 40 });
    expect(isOffline(s.accounts.get())).toBe(true);
    expect(s.outbox.get()).toEqual({ pending: 0, failed: 1 });

    // A new message in the open conversation: the row and the thread both refresh.
    s.thread.open('b');
    await settle();
    api.emit('conversations.changed', { ids: ['b'] });
    await settle();
    expect(s.list.get().rows.find((r) => r.id === 'b')?.unreadCount).toBe(1);
    expect(api.callsOf('conversations.get')).toHaveLength(2);

    started.stop();
    expect(api.listenerCount('conversations.changed') + api.listenerCount('accounts.changed') + api.listenerCount('outbox.changed')).toBe(0);
  });

  it('asks the core to sync when the network comes back, and loads again when the core reconnects', async () => {
    const { api } = core();
    const s = createStores(api);
    let networkBack = () => {};
    let coreUp: (up: boolean) => void = () => {};
    const started = startStores(api, s, { onNetworkBack: (l) => ((networkBack = l), () => {}), onCoreConnection: (l) => ((coreUp = l), () => {}) });
    await started.ready;
    networkBack();
    expect(api.callsOf('sync.now')).toHaveLength(1);
    coreUp(false);
    expect(s.connection.get().coreConnected).toBe(false);
    coreUp(true);
    await settle();
    expect(s.connection.get().coreConnected).toBe(true);
    expect(api.callsOf('accounts.list')).toHaveLength(2);
    started.stop();
  });

  it('shows a failed first load instead of an empty window that says nothing', async () => {
    const { api } = core();
    api.handle('app.info', () => ({ ok: false, error: { code: 'DISK_FULL', message: 'SQLITE_FULL' } }));
    const s = createStores(api);
    const started = startStores(api, s);
    await started.ready;
    expect(s.notices.get().notice).toEqual({ kind: 'error', error: { code: 'DISK_FULL', message: 'SQLITE_FULL' } });
    s.notices.dismiss();
    started.stop();
  });
});

describe('notices', () => {
  it('show the latest notice for a few seconds, then go by themselves', () => {
    vi.useFakeTimers();
    const notices = new NoticeStore();
    notices.info('Moved to Orders.');
    notices.failed({ code: 'TIMEOUT', message: 'no answer in 30 s' });
    expect(notices.get().notice).toMatchObject({ kind: 'error' });
    vi.advanceTimersByTime(NOTICE_MS - 1);
    expect(notices.get().notice).not.toBeNull();
    vi.advanceTimersByTime(1);
    expect(notices.get().notice).toBeNull();
  });

  it('tell a failed result from a good one, showing only the failure', () => {
    const notices = new NoticeStore();
    expect(notices.ok({ ok: true, value: 1 })).toBe(true);
    expect(notices.get().notice).toBeNull();
    expect(notices.ok({ ok: false, error: { code: 'AUTH_FAILED', message: '535' } })).toBe(false);
    expect(notices.get().notice).toMatchObject({ kind: 'error', error: { code: 'AUTH_FAILED' } });
    notices.dismiss();
  });
});
