// Which connector serves an account, by its channel.
import type { AccountRow } from '../db/queries/accounts.js';
import type { ChannelConnector, ChannelContext } from './channel.js';
import { DemoConnector } from './demo/connector.js';
import { EmailConnector } from './email/connector.js';
import { TelegramConnector } from './telegram/connector.js';

export function createConnector(account: AccountRow, ctx: ChannelContext): ChannelConnector {
  switch (account.channel) {
    case 'email':
      return new EmailConnector(account, ctx);
    case 'demo':
      return new DemoConnector(account);
    case 'telegram':
      return new TelegramConnector(account, ctx);
  }
}
