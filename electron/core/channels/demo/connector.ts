// The demo channel: a workspace with sample conversations and no server. Replies are "delivered" at once, so a
// newcomer can try every part of the inbox without an account.
import type { AccountStatus } from '../../../../shared/domain/types.js';
import type { AccountRow } from '../../db/queries/accounts.js';
import type { OutboxRecord } from '../../db/queries/outbox.js';
import type { ChannelConnector, OpOutcome } from '../channel.js';

export class DemoConnector implements ChannelConnector {
  constructor(readonly account: AccountRow) {}
  start(): void {}
  wake(): void {}
  async stop(): Promise<void> {}
  async syncOnce(): Promise<void> {}
  async perform(op: OutboxRecord): Promise<OpOutcome> {
    return { remoteRef: `demo:${op.id}` };
  }
  status(): AccountStatus {
    return { accountId: this.account.id, state: 'online' };
  }
}
