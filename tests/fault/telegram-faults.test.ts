// The Telegram channel under SIGKILL: the core is killed at random points while it sends replies to the Bot API
// contract server. Every reply arrives; a piece is sent twice only when the kill fell between Telegram taking it
// and the app recording it (the Bot API offers no way to ask what was sent), never otherwise; long replies
// arrive in order, piece by piece.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../support/core-fixture.js';
import { startTelegramContractServer, type TelegramContractServer } from '../contracts/telegram/server.js';
import { splitText } from '../../electron/core/channels/telegram/api.js';
import { killStates, replyKillTrials } from './reply-kill-trials.js';

const TRIALS = Number(process.env.FAULT_TRIALS ?? 20);
/** Each trial starts the core twice in a child process: a few seconds on a loaded 2-core machine, 20 s allowed. */
const TRIAL_BUDGET_MS = 20_000;

let tg: TelegramContractServer;
beforeAll(async () => {
  tg = await startTelegramContractServer();
});
afterAll(async () => {
  await tg?.close();
});

describe('Telegram replies with the core killed during replay', () => {
  it(`sends every piece of every reply, twice only after a kill mid-send, across ${TRIALS} SIGKILL trials`, async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-tg-kill-'));
    const customer = { id: 4242, first_name: 'Kill', last_name: 'Test' };
    let conversationId: string;
    {
      const f = openCore(profile);
      await f.call('accounts.addTelegram', { token: tg.token, apiUrl: tg.url });
      tg.userSends(customer, { text: 'Hi' });
      await f.core.syncOnce();
      conversationId = (await f.call('conversations.list', {}))[0]!.id;
      await f.close();
    }

    // Every third reply is long enough to go in two pieces.
    const replies = await replyKillTrials({
      profile,
      conversationId,
      trials: TRIALS,
      seed: 4242,
      text: (trial) => (trial % 3 === 2 ? `Reply ${trial}: ${'details '.repeat(700)}end ${trial}` : `Reply ${trial}`),
      split: (text) => splitText(text),
    });

    const f = openCore(profile);
    try {
      const got = tg.sent.filter((s) => s.chat_id === String(customer.id)).map((s) => s.text);
      let resent = 0;
      for (const r of replies) {
        expect(f.core.store.messages.get(r.messageId)!.sendState).toBe('sent');
        for (const piece of r.pieces) {
          const copies = got.filter((t) => t === piece).length;
          if (r.stateAtKill === 'message.send:sending') expect(copies, r.pieces[0]!.slice(0, 20)).toBeGreaterThanOrEqual(1);
          else expect(copies, `${r.pieces[0]!.slice(0, 20)} killed while ${r.stateAtKill}`).toBe(1);
          expect(copies).toBeLessThanOrEqual(2);
          resent += copies - 1;
        }
        // The pieces of one reply arrive in order.
        const firstIndex = r.pieces.map((p) => got.indexOf(p));
        expect([...firstIndex].sort((a, b) => a - b)).toEqual(firstIndex);
      }
      expect(await f.call('outbox.list', {})).toEqual([]);
      console.log(`Telegram SIGKILL trials: ${TRIALS}; ${killStates(replies)}; pieces sent twice ${resent}`);
    } finally {
      await f.close();
    }
  }, 120_000 + TRIALS * TRIAL_BUDGET_MS);
});
