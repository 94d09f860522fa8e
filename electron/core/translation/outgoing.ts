// A reply the agent wrote in their own language, translated on its way out: the outbox's translate op puts the
// customer's language on the message and queues its send in the same transaction that marks the op done. The
// translation memory makes a repeat after a crash give the very same text, so what is sent is the same, once.
import type { Store } from '../db/store.js';
import type { OutboxRecord } from '../db/queries/outbox.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { OpOutcome } from '../channels/channel.js';
import { CoreError, PermanentError } from '../errors.js';
import { SEND_MESSAGE_OP, TRANSLATE_MESSAGE_OP, payloadOf } from '../outbox/op-kinds.js';
import { TranslationAuthError, TranslationQuotaError } from './provider.js';
import { currentProvider, translateTexts } from './service.js';
import { signatureOf } from '../../../shared/domain/signature.js';

export class OutgoingTranslator {
  constructor(
    private readonly store: Store,
    private readonly secrets: SecretStore,
    private readonly now: () => number,
  ) {}

  async perform(op: OutboxRecord): Promise<OpOutcome> {
    const { store } = this;
    const { messageId } = payloadOf(op, TRANSLATE_MESSAGE_OP);
    const message = store.messages.get(messageId);
    const original = message?.original;
    if (!message || !original) throw new PermanentError('NOT_FOUND', 'The reply to translate no longer exists.');
    const target = store.conversations.get(message.conversationId)?.language;
    if (!target) throw new PermanentError('INVALID_INPUT', "The customer's language is not known: set it on the conversation, or send the original.");
    try {
      const provider = currentProvider(store, this.secrets);
      const [t] = await translateTexts(store, provider, [original.text], target, original.language === target ? null : original.language, this.now());
      // The signature stays as written (the agent's name, the shop's address): only their words are translated.
      store.messages.setText(messageId, t!.text + signatureOf(message.text));
    } catch (err) {
      // A key, quota or set-up problem needs the agent (fix it and retry, or send the original); the rest waits.
      if (err instanceof TranslationAuthError || err instanceof TranslationQuotaError || (err instanceof CoreError && err.code === 'INVALID_INPUT')) {
        throw new PermanentError(err.code, `Not translated: ${err.message}`);
      }
      throw err;
    }
    return { remoteRef: null, followUps: [{ kind: SEND_MESSAGE_OP, payload: { messageId } }] };
  }
}
