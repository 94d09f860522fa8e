// Adding an eBay account: the credentials are checked (a token renewed, one page of conversations read)
// before anything is saved.
import { EbayApi, EBAY_API, type EbayCredentials } from './api.js';

export async function verifyEbayAccount(credentials: EbayCredentials, apiUrl?: string): Promise<void> {
  const api = new EbayApi(apiUrl ?? EBAY_API, credentials);
  await api.getConversations('FROM_MEMBERS', 0, { limit: 1 });
}
