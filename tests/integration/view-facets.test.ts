// The sidebar's views by tag, language and marketplace: every tag in use, and the recent customers' languages
// (the most frequent first) and marketplaces — each a search that finds those conversations.
import { describe, expect, it } from 'vitest';
import { openCore } from '../support/core-fixture.js';
import type { IncomingMessage } from '../../electron/core/conversations/ingest.js';
import { incoming, demoAccount } from '../support/incoming.js';

const msg = (n: number, text: string): IncomingMessage => incoming(`buyer${n}@buyer.test`, { messageIdHeader: `f${n}@buyer.test`, subject: `Question ${n}`, date: Date.now() - 60_000 + n, text });

describe('views by tag, language and marketplace', () => {
  it('lists what is in use, each finding its conversations', async () => {
    const f = openCore();
    try {
      const store = f.core.store;
      const storeOne = demoAccount(f.core);
      const put = (n: number, text: string, language: string) => {
        const id = storeOne(msg(n, text));
        store.conversations.setLanguage(id, language);
        return id;
      };
      const a = put(1, '¿Hacen envíos a Chile?', 'es');
      const b = put(2, '¿Dónde está mi pedido?', 'es');
      const c = put(3, 'Wo ist meine Bestellung?', 'de');
      await f.call('conversations.setTags', { id: a, tags: ['vip', 'return label'] });
      await f.call('conversations.setTags', { id: c, tags: ['vip'] });
      store.conversations.setMarketplace(b, { id: 'ebay', name: 'eBay', orderId: '12-34567-89012', replyBy: 'email', replyUrl: null, registeredSenderOnly: false, relayedTo: null });

      const facets = await f.call('views.facets', {});
      expect(facets).toEqual({ tags: ['return label', 'vip'], languages: ['es', 'de'], marketplaces: [{ id: 'ebay', name: 'eBay' }] });
      const found = async (query: string) => (await f.call('search.conversations', { query })).map((x) => x.id).sort();
      expect(await found('tag:"return label"')).toEqual([a]);
      expect(await found('tag:vip')).toEqual([a, c].sort());
      expect(await found('lang:es')).toEqual([a, b].sort());
      expect(await found('marketplace:ebay')).toEqual([b]);
    } finally {
      await f.close();
    }
  });
});
