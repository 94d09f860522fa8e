// The orders a customer's conversations are about: the order each marketplace conversation carries (eBay,
// Mercado Libre, relay mail from Amazon or Etsy), and the order numbers found in what the customer wrote, named by
// the marketplace whose numbering they have. Newest first, each once.
import type { ConversationSummary, CustomerOrder } from '../../../shared/domain/types.js';
import { orderNumbersIn } from '../channels/email/marketplace-mail.js';
import type { Store } from '../db/store.js';

/** How many of the customer's newest messages are read for order numbers. */
const MESSAGES_READ = 200;
const MAX_ORDERS = 20;

export function customerOrders(store: Store, customerId: string, conversations: ConversationSummary[]): CustomerOrder[] {
  const orders = new Map<string, CustomerOrder>();
  const add = (o: CustomerOrder) => {
    if (!orders.has(o.orderId) && orders.size < MAX_ORDERS) orders.set(o.orderId, o);
  };
  for (const c of conversations) {
    if (c.marketplace?.orderId) add({ orderId: c.marketplace.orderId, marketplace: { id: c.marketplace.id, name: c.marketplace.name }, conversationId: c.id });
  }
  for (const m of store.customers.recentTexts(customerId, MESSAGES_READ)) {
    for (const o of orderNumbersIn(`${m.subject}\n${m.text}`)) add({ ...o, conversationId: m.conversationId });
  }
  return [...orders.values()];
}
