// An account's signature under the agent's replies: added to what a person sends (not to the app's automatic
// messages), kept as written when the reply is translated (only the agent's words go to the provider), and kept
// when a reply waiting for translation goes out as written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../support/core-fixture.js';
import { startDeepLServer, type TranslationServer } from '../contracts/translation/servers.js';
import { signatureOf, withSignature } from '../../shared/domain/signature.js';

let deepl: TranslationServer;
beforeAll(async () => {
  deepl = await startDeepLServer();
});
afterAll(() => deepl.close());

const SIGNATURE = 'Mia · Lumen & Loom Crafts\nhttps://lumen-loom.example';

describe('signatures', () => {
  it('go under replies as written, in every language', async () => {
    const f = openCore();
    try {
      await f.call('demo.open', {});
      const [account] = await f.call('accounts.list', {});
      await f.call('settings.set', { signatures: { [account!.id]: SIGNATURE } });
      const conversations = await f.call('conversations.list', {});
      const lucia = conversations.find((c) => c.customerName === 'Lucía Fernández')!.id;
      const jonas = conversations.find((c) => c.customerName === 'Jonas Becker')!.id;

      const plain = await f.call('messages.reply', { conversationId: jonas, text: 'Hallo Jonas, danke!' });
      const sentOf = async (id: string, messageId: string) => (await f.call('conversations.get', { id })).messages.find((m) => m.id === messageId)!;
      expect((await sentOf(jonas, plain.messageId)).text).toBe(`Hallo Jonas, danke!\n\n-- \n${SIGNATURE}`);

      // Translated on its way out: the words are, the signature is not (and never reaches the provider).
      await f.call('translation.configure', { provider: 'deepl', apiUrl: deepl.url, key: deepl.key, agentLanguage: 'zh' });
      const translated = await f.call('messages.reply', { conversationId: lucia, text: '您的包裹明天到达。', translate: true });
      await f.core.syncOnce();
      expect(await sentOf(lucia, translated.messageId)).toMatchObject({ text: `Su paquete llega mañana.\n\n-- \n${SIGNATURE}`, original: { text: '您的包裹明天到达。' } });
      expect(deepl.requests.flatMap((r) => r.texts).some((t) => t.includes('Lumen'))).toBe(false);

      // Waiting for translation, sent as written instead: with the signature.
      deepl.exhaust(true);
      const waiting = await f.call('messages.reply', { conversationId: lucia, text: '谢谢！', translate: true });
      await f.core.syncOnce();
      await f.call('messages.sendOriginal', { messageId: waiting.messageId });
      expect((await sentOf(lucia, waiting.messageId)).text).toBe(`谢谢！\n\n-- \n${SIGNATURE}`);
    } finally {
      await f.close();
    }
  });

  it('is set off by the "-- " line and found again under the text', () => {
    expect(withSignature('Thanks!  \n', 'Mia')).toBe('Thanks!\n\n-- \nMia');
    expect(withSignature('Thanks!', '   ')).toBe('Thanks!');
    expect(signatureOf('Thanks!\n\n-- \nMia')).toBe('\n\n-- \nMia');
    expect(signatureOf('No signature -- here')).toBe('');
  });
});
