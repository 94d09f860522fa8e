// The eBay channel under SIGKILL: the core is killed at random points while it sends replies to the Message API
// contract server. eBay can be asked what was sent, so every piece arrives exactly once — also when the kill
// fell between eBay taking a piece and the app recording it — and long replies arrive in order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../support/core-fixture.js';
import { startEbayContractServer, type EbayContractServer } from '../contracts/ebay/server.js';
import { splitText } from '../../electron/core/channels/split-text.js';
import { MAX_TEXT } from '../../electron/core/channels/ebay/api.js';
import { killStates, replyKillTrials } from './reply-kill-trials.js';

const TRIALS = Number(process.env.FAULT_TRIALS ?? 20);
const TRIAL_BUDGET_MS = 20_000;

let ebay: EbayContractServer;
beforeAll(async () => {
  ebay = await startEbayContractServer();
});
afterAll(async () => {
  await ebay?.close();
});

describe('eBay replies with the core killed during replay', () => {
  it(`sends every piece of every reply exactly once across ${TRIALS} SIGKILL trials`, async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-ebay-kill-'));
    const convo = ebay.buyerWrites('kill_test_buyer', 'Hi');
    let conversationId: string;
    {
      const f = openCore(profile);
      await f.call('accounts.addEbay', { username: ebay.seller, clientId: ebay.clientId, clientSecret: ebay.clientSecret, refreshToken: ebay.refreshToken, apiUrl: ebay.url });
      await f.core.syncOnce();
      conversationId = (await f.call('conversations.list', {}))[0]!.id;
      await f.close();
    }
    // Every third reply goes in two pieces.
    const replies = await replyKillTrials({
      profile,
      conversationId,
      trials: TRIALS,
      seed: 2024,
      text: (trial) => (trial % 3 === 2 ? `Reply ${trial}: ${'details '.repeat(300)}end ${trial}` : `Reply ${trial}`),
      split: (text) => splitText(text, MAX_TEXT),
    });

    const f = openCore(profile);
    try {
      const got = ebay.sent.filter((s) => s.conversationId === convo).map((s) => s.messageText);
      for (const r of replies) {
        expect(f.core.store.messages.get(r.messageId)!.sendState).toBe('sent');
        for (const piece of r.pieces) expect(got.filter((t) => t === piece).length, `${piece.slice(0, 20)} killed while ${r.stateAtKill}`).toBe(1);
        const at = r.pieces.map((p) => got.indexOf(p));
        expect([...at].sort((a, b) => a - b)).toEqual(at);
      }
      expect(await f.call('outbox.list', {})).toEqual([]);
      // The thread shows each reply once, also after the next read of the conversation.
      await f.core.syncOnce();
      expect((await f.call('conversations.get', { id: conversationId })).messages.filter((m) => m.direction === 'out')).toHaveLength(TRIALS);
      console.log(`eBay SIGKILL trials: ${TRIALS}; ${killStates(replies)}; pieces sent twice 0 (checked on eBay after each kill)`);
    } finally {
      await f.close();
    }
  }, 120_000 + TRIALS * TRIAL_BUDGET_MS);
});
