// The canned responses, for the reply box's picker and the editor; loaded again after a use (the picker orders
// by use) or an edit.
import type { CannedResponse } from '../../../../shared/domain/types';
import type { InboxApi } from '../../../../shared/ipc/contract';
import { Store } from '../../app/store';
import type { NoticeStore } from '../notices/notice-store';

export class TemplatesStore extends Store<CannedResponse[]> {
  constructor(
    private readonly api: InboxApi,
    private readonly notices: NoticeStore,
  ) {
    super([]);
  }

  async load(): Promise<void> {
    const r = await this.api.invoke('canned.list', {});
    if (this.notices.ok(r)) this.set(r.value);
  }
}
