// How many changes wait to reach the servers and how many failed: the status line and the offline banner.
import type { InboxApi } from '../../../../shared/ipc/contract';
import { Store } from '../../app/store';
import type { NoticeStore } from '../notices/notice-store';

export interface OutboxCounts {
  pending: number;
  failed: number;
}

export class OutboxStore extends Store<OutboxCounts> {
  constructor(
    private readonly api: InboxApi,
    private readonly notices: NoticeStore,
  ) {
    super({ pending: 0, failed: 0 });
  }

  async load(): Promise<void> {
    const r = await this.api.invoke('app.info', {});
    if (this.notices.ok(r)) this.set(r.value.outbox);
  }

  connect(): () => void {
    return this.api.on('outbox.changed', (counts) => this.set(counts));
  }

  retry(id: string): void {
    void this.api.invoke('outbox.retry', { id }).then((r) => this.notices.ok(r));
  }

  discard(id: string): void {
    void this.api.invoke('outbox.discard', { id }).then((r) => this.notices.ok(r));
  }
}
