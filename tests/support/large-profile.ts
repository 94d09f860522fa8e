// A large profile built through the app's own migrations and ingest: N conversations on one demo shop account, one
// customer message each (real buyer texts in eight languages, each with an order number), a third of them unread,
// one minute apart. Every `RETURNING`-th customer wrote twice about different orders — two conversations of one
// customer, as the customer panel and merging need. Used by the large-profile UI tests and `bench/inbox-scale`.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../electron/core/db/connection.js';
import { createStore } from '../../electron/core/db/store.js';
import { ingestMessage } from '../../electron/core/conversations/ingest.js';
import { CUSTOMER_TEXTS } from '../../bench/sample-messages.js';

export const SHOP_ADDRESS = 'shop@demo.crossborder-inbox.app';
export const RETURNING = 1000;
const START = Date.UTC(2024, 0, 1);

export interface LargeProfile {
  conversations: number;
  unread: number;
  /** Customers with two conversations: index i's customer wrote again as conversation N + i / RETURNING. */
  returningCustomers: number;
  ms: number;
}

/** Customer i's name, address and the order number in their first message. */
export const customer = (i: number) => ({ name: `Buyer ${i}`, address: `buyer${i}@example.test`, order: `302-${String(1000000 + i)}` });

export function buildLargeProfile(profileDir: string, n: number): LargeProfile {
  const t0 = performance.now();
  const db = openDatabase(path.join(profileDir, 'inbox.db'));
  try {
    const store = createStore(db);
    const accountId = 'scale-account';
    store.accounts.insert({ id: accountId, channel: 'demo', name: 'Scale Shop', address: SHOP_ADDRESS, settings: {}, createdAt: Date.now() });
    const messages = Array.from({ length: n }, (_, i) => i).concat(Array.from({ length: Math.floor(n / RETURNING) }, (_, k) => -(k * RETURNING) - 1));
    let unread = 0;
    const BATCH = 5000;
    for (let b = 0; b < messages.length; b += BATCH) {
      store.transaction(() => {
        for (const m of messages.slice(b, b + BATCH)) {
          // m >= 0: customer m's first conversation; m < 0: customer (-m - 1) writing again, after everyone else.
          const again = m < 0;
          const i = again ? -m - 1 : m;
          const who = customer(i);
          const order = again ? `302-${String(2000000 + i)}` : who.order;
          const isRead = again || i % 3 !== 0;
          if (!isRead) unread++;
          ingestMessage(store, path.join(profileDir, 'attachments'), accountId, {
            messageIdHeader: `<scale-${again ? 'again-' : ''}${i}@buyer.example.test>`,
            inReplyTo: null,
            references: [],
            direction: 'in',
            from: { name: who.name, address: who.address },
            replyTo: [],
            to: [{ name: 'Scale Shop', address: SHOP_ADDRESS }],
            cc: [],
            subject: again ? `Second order #${i}` : `Order question #${i}`,
            date: again ? START + (n + i) * 60_000 : START + i * 60_000,
            text: `${CUSTOMER_TEXTS[i % CUSTOMER_TEXTS.length]} (order ${order})`,
            fromHtml: false,
            isRead,
            attachments: [],
          }, null, Date.now());
        }
      });
    }
    return { conversations: messages.length, unread, returningCustomers: Math.floor(n / RETURNING), ms: performance.now() - t0 };
  } finally {
    db.close();
  }
}
