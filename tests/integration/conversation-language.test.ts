// A conversation's language from everything known — the channel's hint (Telegram's language_code), earlier
// messages, the message itself when it says enough — and the agent's choice, which stays until they hand it back.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type CoreFixture } from '../support/core-fixture.js';
import { startTelegramContractServer, type TelegramContractServer } from '../contracts/telegram/server.js';

let tg: TelegramContractServer;
beforeAll(async () => {
  tg = await startTelegramContractServer();
});
afterAll(async () => {
  await tg?.close();
});

describe("a conversation's language", () => {
  let f: CoreFixture;
  beforeEach(() => {
    f = openCore();
    return () => f.close();
  });

  it('follows the hint, then what the customer writes; the agent’s choice stays until handed back', async () => {
    await f.call('accounts.addTelegram', { token: tg.token, apiUrl: tg.url });
    const user = { id: 8800, first_name: 'Joana', language_code: 'pt-BR' };
    const language = async () => (await f.call('conversations.list', {}))[0]!;
    tg.userSends(user, { text: 'Oi' });
    await f.core.syncOnce();
    expect(await language()).toMatchObject({ language: 'pt', languageSetByAgent: false });
    tg.userSends(user, { text: 'Gostaria de saber quando o meu pedido vai chegar.' });
    tg.userSends(user, { text: 'Ok!' });
    await f.core.syncOnce();
    expect((await language()).language).toBe('pt');

    const id = (await language()).id;
    expect(await f.call('conversations.setLanguage', { id, language: 'es' })).toEqual({ language: 'es' });
    tg.userSends(user, { text: 'Por favor, responda em português, obrigado pela ajuda.' });
    await f.core.syncOnce();
    expect(await language()).toMatchObject({ language: 'es', languageSetByAgent: true });

    expect(await f.call('conversations.setLanguage', { id, language: null })).toEqual({ language: 'pt' });
    expect((await language()).languageSetByAgent).toBe(false);
  });
});
