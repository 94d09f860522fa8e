// Which connector serves an account, by its channel, and which secrets an account of each channel keeps.
import type { AccountRow } from '../db/queries/accounts.js';
import type { ChannelConnector, ChannelContext } from './channel.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { forgetCredentials } from './email/credentials.js';
import { telegramTokenKey } from './telegram/settings.js';
import { ebaySecretKeys } from './ebay/settings.js';
import { DemoConnector } from './demo/connector.js';
import { EmailConnector } from './email/connector.js';
import { TelegramConnector } from './telegram/connector.js';
import { EbayConnector } from './ebay/connector.js';
import { MercadoLibreConnector } from './mercadolibre/connector.js';
import { meliSecretKeys } from './mercadolibre/settings.js';
import { MetaConnector } from './meta/connector.js';
import { metaTokenKey } from './meta/settings.js';

export function createConnector(account: AccountRow, ctx: ChannelContext): ChannelConnector {
  switch (account.channel) {
    case 'email':
      return new EmailConnector(account, ctx);
    case 'demo':
      return new DemoConnector(account);
    case 'telegram':
      return new TelegramConnector(account, ctx);
    case 'ebay':
      return new EbayConnector(account, ctx);
    case 'mercadolibre':
      return new MercadoLibreConnector(account, ctx);
    case 'messenger':
    case 'instagram':
      return new MetaConnector(account, ctx);
  }
}

/** Deletes every secret the account kept (its password or tokens), when it is removed. */
export function forgetSecrets(account: AccountRow, secrets: SecretStore): void {
  switch (account.channel) {
    case 'email':
      forgetCredentials(secrets, account.id);
      return;
    case 'demo':
      return;
    case 'telegram':
      secrets.delete(telegramTokenKey(account.id));
      return;
    case 'ebay':
      for (const key of ebaySecretKeys(account.id)) secrets.delete(key);
      return;
    case 'mercadolibre':
      for (const key of meliSecretKeys(account.id)) secrets.delete(key);
      return;
    case 'messenger':
    case 'instagram':
      secrets.delete(metaTokenKey(account.id));
  }
}
