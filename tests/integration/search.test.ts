// Finding conversations as agents type: words inside unspaced Chinese and Japanese, accents optional, word
// beginnings for inflected forms, order ids whole, and operators, over every channel; the index follows the
// messages (kept in the same transaction, gone with them).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type CoreFixture } from '../support/core-fixture.js';
import { ingestMessage } from '../../electron/core/conversations/ingest.js';
import { startTelegramContractServer, type TelegramContractServer } from '../contracts/telegram/server.js';

let tg: TelegramContractServer;
beforeAll(async () => {
  tg = await startTelegramContractServer();
});
afterAll(async () => {
  await tg?.close();
});

describe('search', () => {
  let f: CoreFixture;
  beforeEach(async () => {
    f = openCore();
    await f.call('demo.open', {});
    return () => f.close();
  });
  const names = async (query: string) => (await f.call('search.conversations', { query })).map((c) => c.customerName);

  it('finds words in every language the way agents type them', async () => {
    expect(await names('陶瓷')).toEqual(['王磊']); // a two-character Chinese word inside unspaced text
    expect(await names('发票')).toEqual(['王磊']);
    expect(await names('刻印')).toEqual(['佐藤 美咲']);
    expect(await names('lampara')).toEqual(['Lucía Fernández']); // accents optional
    expect(await names('LÁMPARA ratán')).toEqual(['Lucía Fernández']);
    expect(await names('zurücksend')).toEqual(['Jonas Becker']); // the beginning of an inflected word
    expect(await names('302-4417823-5590312')).toEqual(['Jonas Becker']); // an order id, whole
    expect(await names('4417823')).toEqual([]);
    expect(await names('머그컵')).toEqual(['김지은']);
    expect(await names('wholesale candles')).toEqual(['Emily Carter']);
    expect(await names('')).toHaveLength(8);
  });

  it('narrows with operators, alone or with words', async () => {
    expect(await names('from:camille')).toEqual(['Camille Dubois']);
    expect(await names('lang:pt')).toEqual(['Rafael Oliveira']);
    expect((await names('is:unread')).length).toBeGreaterThan(0);
    // Needs a reply: Wang Lei wrote last; Camille was answered.
    const needing = await names('is:unanswered');
    expect(needing).toContain('王磊');
    expect(needing).not.toContain('Camille Dubois');
    // A view's count: the same search, counted up to a cap.
    expect(await f.call('search.count', { query: 'is:unanswered' })).toEqual({ count: needing.length, more: false });
    expect(await f.call('search.count', { query: '', cap: 3 })).toEqual({ count: 3, more: true });
    expect(await names('shanghai from:wang')).toEqual(['王磊']);
    expect(await names('from:王磊')).toEqual(['王磊']);
    expect(await names('shanghai from:camille')).toEqual([]);
    expect(await names('after:2999-01-01')).toEqual([]);
    await expect(f.raw('search.conversations', { query: 'before:yesterday' })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const [c] = await f.call('search.conversations', { query: 'panier' });
    await f.call('conversations.setTags', { id: c!.id, tags: ['wholesale'] });
    expect(await names('tag:wholesale')).toEqual(['Camille Dubois']);
  });

  it('covers every channel, follows new messages at once and forgets erased ones', async () => {
    await f.call('accounts.addTelegram', { token: tg.token, apiUrl: tg.url });
    tg.userSends({ id: 5151, first_name: 'Dmitri' }, { text: 'Здравствуйте, где мой заказ? Трек-номер не обновляется.' });
    await f.core.syncOnce();
    expect(await names('заказ')).toEqual(['Dmitri']);
    expect(await names('заказ channel:telegram')).toEqual(['Dmitri']);
    expect(await names('заказ channel:demo')).toEqual([]);
    await f.call('customers.erase', { address: 'telegram:5151', onServer: false });
    expect(await names('заказ')).toEqual([]);
  });

  it('with thousands of matching messages, shows the newest matches first and still finds what a filter narrows to', async () => {
    const store = f.core.store;
    const accountId = store.accounts.list()[0]!.id;
    const start = Date.UTC(2026, 5, 1);
    store.transaction(() => {
      for (let i = 0; i < 2_600; i++) {
        ingestMessage(store, f.core.attachmentsDir, accountId, {
          messageIdHeader: `<parcel-${i}@buyers.example.test>`, inReplyTo: null, references: [], direction: 'in',
          from: { name: `Parcel buyer ${i}`, address: `parcel${i}@buyers.example.test` }, replyTo: [], to: [{ name: 'Shop', address: 'shop@example.test' }], cc: [],
          subject: `Parcel question ${i}`, date: start + i * 60_000, text: `Hello, any news about my parcel? Reference ${i}.`, fromHtml: false, isRead: true, attachments: [],
        }, null, start);
      }
    });
    // The first buyer turns out to write Finnish: the only one a lang: filter keeps.
    const first = (await f.call('search.conversations', { query: 'from:parcel0@buyers.example.test' }))[0]!;
    await f.call('conversations.setLanguage', { id: first.id, language: 'fi' });
    const hits = await names('parcel');
    expect(hits).toHaveLength(50);
    expect(hits.slice(0, 3)).toEqual(['Parcel buyer 2599', 'Parcel buyer 2598', 'Parcel buyer 2597']);
    expect(await names('parcel lang:fi')).toEqual(['Parcel buyer 0']);
    // A whole address finds that sender alone; the beginning of one finds every sender it begins.
    expect(await names('from:parcel1@buyers.example.test')).toEqual(['Parcel buyer 1']);
    expect((await names('from:parcel1')).length).toBeGreaterThan(10);
    expect(await f.call('search.count', { query: 'parcel', cap: 2_000 })).toEqual({ count: 2_000, more: true });
    // Few hits are still ranked: the order id finds its one conversation.
    expect(await names('"Reference 1234"')).toEqual(['Parcel buyer 1234']);
  });

  it('indexes a batch stored in one transaction once it commits, without a message that was taken back', async () => {
    const store = f.core.store;
    const accountId = (await f.call('accounts.list', {}))[0]!.id;
    const buyer = (i: number) => ({
      messageIdHeader: `<batch-${i}@buyers.example.test>`, inReplyTo: null, references: [], direction: 'in' as const,
      from: { name: `Batch buyer ${i}`, address: `batch${i}@buyers.example.test` }, replyTo: [], to: [{ name: 'Shop', address: 'shop@example.test' }], cc: [],
      subject: `Teapot ${i}`, date: Date.UTC(2026, 5, 1) + i * 60_000, text: `The teapot lid number ${i} arrived cracked.`, fromHtml: false, isRead: true, attachments: [],
    });
    store.transaction(() => {
      for (let i = 0; i < 5; i++) {
        // As a sync stores each message in a savepoint of its own: the third is stored, then refused.
        try {
          store.transaction(() => {
            ingestMessage(store, f.core.attachmentsDir, accountId, buyer(i), null, Date.now());
            if (i === 2) throw new Error('refused after storing');
          });
        } catch {
          // the batch goes on without it
        }
      }
    });
    expect((await names('teapot')).sort()).toEqual(['Batch buyer 0', 'Batch buyer 1', 'Batch buyer 3', 'Batch buyer 4']);
    // The refused message's words point at no other message (its row number is taken by the next one).
    expect(await names('"number 2"')).toEqual([]);
    // A batch that fails as a whole leaves nothing in the index either.
    expect(() =>
      store.transaction(() => {
        ingestMessage(store, f.core.attachmentsDir, accountId, buyer(7), null, Date.now());
        throw new Error('the batch failed');
      }),
    ).toThrow('the batch failed');
    expect(await names('"number 7"')).toEqual([]);
    ingestMessage(store, f.core.attachmentsDir, accountId, buyer(8), null, Date.now()); // outside any transaction
    expect(await names('"number 8"')).toEqual(['Batch buyer 8']);
  });

  it('finds every word a beginning matches, also words first written after the last search', async () => {
    const store = f.core.store;
    const accountId = (await f.call('accounts.list', {}))[0]!.id;
    let n = 0;
    const write = (name: string, text: string) =>
      store.transaction(() =>
        ingestMessage(store, f.core.attachmentsDir, accountId, {
          messageIdHeader: `<wrap-${++n}@buyers.example.test>`, inReplyTo: null, references: [], direction: 'in',
          from: { name, address: `wrap${n}@buyers.example.test` }, replyTo: [], to: [{ name: 'Shop', address: 'shop@example.test' }], cc: [],
          subject: 'Gift', date: Date.UTC(2026, 5, 1) + n * 60_000, text, fromHtml: false, isRead: true, attachments: [],
        }, null, Date.now()),
      );
    write('Ann', 'The gift wrapping was torn.');
    expect(await names('wrap')).toEqual(['Ann']);
    write('Bea', 'Nicely WRAPPED, thank you!');
    write('Cem', 'Wräpstoff is what we call it.'); // accents folded as the index folds them
    expect((await names('wrap')).sort()).toEqual(['Ann', 'Bea', 'Cem']);
    expect(await names('wrapped')).toEqual(['Bea']);
    expect((await names('wrap gift')).sort()).toEqual(['Ann', 'Bea', 'Cem']);
    // A beginning many words share is still found (asked as a prefix).
    expect((await names('w')).length).toBeGreaterThanOrEqual(3);
  });

  it('gives the rows of changed conversations in the order asked, the same as the list shows them, and none for one gone', async () => {
    const list = await f.call('conversations.list', { limit: 50 });
    const asked = [list[3]!.id, 'gone-conversation', list[0]!.id, list[5]!.id];
    const rows = await f.call('conversations.summaries', { ids: asked });
    expect(rows).toEqual([list[3], list[0], list[5]]);
  });
});
