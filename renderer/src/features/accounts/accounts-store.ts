// The accounts in the sidebar with each one's connection state and sync progress, kept current from the
// core's events.
import type { Account, AccountStatus, SyncProgress } from '../../../../shared/domain/types';
import type { InboxApi } from '../../../../shared/ipc/contract';
import { Store } from '../../app/store';
import type { NoticeStore } from '../notices/notice-store';

export interface AccountsState {
  accounts: Account[];
  statuses: Record<string, AccountStatus>;
  progress: Record<string, SyncProgress>;
}

export class AccountsStore extends Store<AccountsState> {
  constructor(
    private readonly api: InboxApi,
    private readonly notices: NoticeStore,
  ) {
    super({ accounts: [], statuses: {}, progress: {} });
  }

  async load(): Promise<void> {
    const r = await this.api.invoke('accounts.list', {});
    if (!this.notices.ok(r)) return;
    const known = this.get().statuses;
    this.patch({ accounts: r.value, statuses: Object.fromEntries(r.value.map((a) => [a.id, known[a.id] ?? a.status])) });
  }

  /** Follows the core's account events; returns the way to stop. */
  connect(): () => void {
    const offs = [
      this.api.on('accounts.changed', () => void this.load()),
      this.api.on('account.status', (s) => this.patch({ statuses: { ...this.get().statuses, [s.accountId]: s } })),
      this.api.on('sync.progress', (p) => this.patch({ progress: { ...this.get().progress, [p.accountId]: p } })),
    ];
    return () => offs.forEach((off) => off());
  }

  /** The account a conversation belongs to. */
  account(id: string | undefined): Account | undefined {
    return this.get().accounts.find((a) => a.id === id);
  }
}

/** Offline: some account cannot reach its server because of the network (not a wrong password). */
export function isOffline(state: Pick<AccountsState, 'accounts' | 'statuses'>): boolean {
  return state.accounts.some((a) => {
    const s = state.statuses[a.id] ?? a.status;
    return s.state === 'error' && (s.errorCode === 'UNREACHABLE' || s.errorCode === 'TIMEOUT');
  });
}
