// What the customer panel knows: the orders a customer's conversations are about — from the marketplace that
// relayed their mail, and from order numbers in what they wrote, named by the marketplace whose numbering they
// have — and the team's notes about them, kept with the customer across conversations and channels, exported with
// their data and gone when they are erased.
import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openCore } from '../support/core-fixture.js';
import { incoming, demoAccount } from '../support/incoming.js';

const AMAZON = { id: 'amazon', name: 'Amazon', orderId: '302-4417823-5590312', replyBy: 'email' as const, replyUrl: null, registeredSenderOnly: true, relayedTo: 'shop@example.test' };

describe('the customer panel', () => {
  it("lists the orders a customer's conversations are about, newest first, each once", async () => {
    const f = openCore();
    try {
      const put = demoAccount(f.core);
      const first = put(incoming('jonas@web.de', { subject: 'Kissenbezug', text: 'Meine Bestellung 302-4417823-5590312 hat die falsche Farbe.', marketplace: { ...AMAZON, buyerName: null } }));
      // Later, in a conversation of its own: an eBay order, an Etsy receipt, the Amazon order again, and a phone number.
      const second = put(incoming('jonas@web.de', { subject: 'Noch zwei Fragen', text: 'eBay-Bestellung 12-09876-54321 und Etsy order #1234567890. Wegen 302-4417823-5590312: Tel. 0170 1234567.' }));
      const { orders } = await f.call('customers.profile', { conversationId: first });
      expect(orders).toEqual([
        { orderId: '302-4417823-5590312', marketplace: { id: 'amazon', name: 'Amazon' }, conversationId: first },
        { orderId: '12-09876-54321', marketplace: { id: 'ebay', name: 'eBay' }, conversationId: second },
        { orderId: '1234567890', marketplace: { id: 'etsy', name: 'Etsy' }, conversationId: second },
      ]);
      // Another customer's orders stay theirs.
      const other = put(incoming('anna@example.at', { text: 'Bestellung 305-1111111-2222222' }));
      expect((await f.call('customers.profile', { conversationId: other })).orders.map((o) => o.orderId)).toEqual(['305-1111111-2222222']);
    } finally {
      await f.close();
    }
  });

  it("keeps the team's note with the customer: beside every conversation of theirs, in their export, gone with them", async () => {
    const f = openCore();
    try {
      const put = demoAccount(f.core);
      const a = put(incoming('lucia@correo.es', { subject: 'Lámpara' }));
      const b = put(incoming('lucia@correo.es', { subject: 'Otra pregunta' }));
      const profile = await f.call('customers.profile', { conversationId: a });
      expect(profile.note).toBe('');
      expect(await f.call('customers.setNote', { customerId: profile.id, note: '  Talla M. Prefiere envío exprés.  ' })).toEqual({ note: 'Talla M. Prefiere envío exprés.' });
      expect((await f.call('customers.profile', { conversationId: b })).note).toBe('Talla M. Prefiere envío exprés.');
      // After a restart too.
      await f.close();
      const g = openCore(f.profileDir);
      try {
        expect((await g.call('customers.profile', { conversationId: b })).note).toBe('Talla M. Prefiere envío exprés.');
        const unknown = await g.raw('customers.setNote', { customerId: 'cu-nobody', note: 'x' });
        expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
        const tooLong = await g.raw('customers.setNote', { customerId: profile.id, note: 'x'.repeat(10_001) });
        expect(tooLong.ok ? null : tooLong.error.code).toBe('INVALID_INPUT');
        // Their data export carries it; erasing them takes it away.
        const exported = await g.call('customers.export', { address: 'lucia@correo.es' });
        const doc = JSON.parse(strFromU8(unzipSync(fs.readFileSync(exported.file))['customer.json']!)) as { customer: { notes: string[] } };
        expect(doc.customer.notes).toEqual(['Talla M. Prefiere envío exprés.']);
        await g.call('customers.erase', { address: 'lucia@correo.es', onServer: false });
        expect(g.core.store.customers.get(profile.id)).toBeUndefined();
      } finally {
        await g.close();
      }
    } finally {
      await f.close().catch(() => undefined);
    }
  });
});
