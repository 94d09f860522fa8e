// Replies translated on their way out, with the core killed at random points during replay: between
// "translated" and "sent" included. Each reply reaches the buyer once, in the buyer's language, and the text sent
// is the one translation the memory holds for it (a repeat after a kill asks the memory, not the provider).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../support/core-fixture.js';
import { startEbayContractServer, type EbayContractServer } from '../contracts/ebay/server.js';
import { fakeTranslate, startDeepLServer, type TranslationServer } from '../contracts/translation/servers.js';
import { killStates, replyKillTrials } from './reply-kill-trials.js';

const TRIALS = Number(process.env.FAULT_TRIALS ?? 12);
const TRIAL_BUDGET_MS = 20_000;

let ebay: EbayContractServer;
let deepl: TranslationServer;
beforeAll(async () => {
  [ebay, deepl] = await Promise.all([startEbayContractServer(), startDeepLServer({ latencyMs: 60 })]);
});
afterAll(async () => {
  await Promise.all([ebay?.close(), deepl?.close()]);
});

describe('translated replies with the core killed during replay', () => {
  it(`sends each translated reply once across ${TRIALS} SIGKILL trials`, async () => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-translate-kill-'));
    const convo = ebay.buyerWrites('comprador_kill', '¿Dónde está mi pedido? Lo compré hace dos semanas.');
    let conversationId: string;
    {
      const f = openCore(profile);
      await f.call('translation.configure', { provider: 'deepl', apiUrl: deepl.url, key: deepl.key, agentLanguage: 'zh' });
      await f.call('accounts.addEbay', { username: ebay.seller, clientId: ebay.clientId, clientSecret: ebay.clientSecret, refreshToken: ebay.refreshToken, apiUrl: ebay.url });
      await f.core.syncOnce();
      conversationId = (await f.call('conversations.list', {}))[0]!.id;
      await f.close();
    }
    const replies = await replyKillTrials({
      profile,
      conversationId,
      trials: TRIALS,
      seed: 77,
      translate: true,
      text: (trial) => `第 ${trial} 条回复：您的包裹已经寄出。`,
      split: (text) => [fakeTranslate(text, 'es')],
    });

    const f = openCore(profile);
    try {
      const got = ebay.sent.filter((s) => s.conversationId === convo).map((s) => s.messageText);
      for (const r of replies) {
        const m = f.core.store.messages.get(r.messageId)!;
        expect(m.sendState).toBe('sent');
        expect(m.text).toBe(r.pieces[0]);
        expect(got.filter((t) => t === r.pieces[0]).length, `${r.pieces[0]} killed while ${r.stateAtKill}`).toBe(1);
      }
      expect(got.every((t) => t.startsWith('⟨es⟩ '))).toBe(true);
      expect(await f.call('outbox.list', {})).toEqual([]);
      console.log(`Translated replies, SIGKILL trials: ${TRIALS}; ${killStates(replies)}; DeepL calls ${deepl.requests.length - 1}; sent twice 0`);
    } finally {
      await f.close();
    }
  }, 120_000 + TRIALS * TRIAL_BUDGET_MS);
});
