// Incoming messages translated as they arrive, for the accounts the agent chose: the translations land in the
// memory, so opening the conversation later — offline too — shows them without a provider call. Runs in the
// background, one conversation at a time; a provider that cannot be reached just leaves them for the next time.
import type { Store } from '../db/store.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { translateConversation } from './service.js';

export class AutoTranslator {
  private readonly waiting = new Set<string>();
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly secrets: SecretStore,
    private readonly now: () => number,
  ) {}

  /** Conversations that changed: those of an auto-translated account are translated soon. */
  changed(ids: string[]): void {
    if (this.stopped) return;
    const settings = this.store.appSettings.get().translation;
    if (!settings.provider || settings.autoAccounts.length === 0) return;
    for (const id of ids) {
      const c = this.store.conversations.get(id);
      if (c && settings.autoAccounts.includes(c.accountId) && c.language && c.language !== settings.agentLanguage) this.waiting.add(id);
    }
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  /** Waits for the translations under way (tests, and closing the profile). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.waiting.clear();
    await this.idle();
  }

  private async drain(): Promise<void> {
    for (const id of this.waiting) {
      this.waiting.delete(id);
      if (this.stopped) return;
      // Failures are in the result (queued / failed); the agent sees them when opening the conversation.
      await translateConversation(this.store, this.secrets, id, undefined, this.now()).catch(() => undefined);
    }
  }
}
