// Translations that happen without a click: incoming messages of the accounts the agent chose are translated as
// they arrive (into the memory, so opening the conversation later — offline too — shows them without a provider
// call), and a conversation whose translation had to wait (the provider unreachable, busy or rate limited) is
// tried again by itself, sooner at first and then less often, until it is done; then the renderer hears
// `translations.ready` and shows it. One conversation at a time, in the background.
import type { Store } from '../db/store.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { CoreEvents } from '../events.js';
import { translateConversation } from './service.js';

export interface AutoTranslatorOptions {
  /** First wait before a queued translation is tried again (doubling up to `retryMaxMs`). */
  retryBaseMs: number;
  retryMaxMs: number;
}

const DEFAULTS: AutoTranslatorOptions = { retryBaseMs: 15_000, retryMaxMs: 5 * 60_000 };

export class AutoTranslator {
  private readonly waiting = new Set<string>();
  /** Conversations whose translation waits for the provider, with the language asked for. */
  private readonly queued = new Map<string, string | undefined>();
  private running: Promise<void> | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private delay: number;
  private readonly options: AutoTranslatorOptions;

  constructor(
    private readonly store: Store,
    private readonly secrets: SecretStore,
    private readonly now: () => number,
    private readonly events: CoreEvents,
    options: Partial<AutoTranslatorOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.delay = this.options.retryBaseMs;
  }

  /** Conversations that changed: those of an auto-translated account are translated soon. */
  changed(ids: string[]): void {
    if (this.stopped) return;
    const settings = this.store.appSettings.get().translation;
    if (!settings.provider || settings.autoAccounts.length === 0) return;
    for (const id of ids) {
      const c = this.store.conversations.get(id);
      if (c && settings.autoAccounts.includes(c.accountId) && c.language && c.language !== settings.agentLanguage) this.waiting.add(id);
    }
    this.kick();
  }

  /** A translation the agent asked for had to wait: it is tried again until done. */
  waitForProvider(conversationId: string, to: string | undefined): void {
    if (this.stopped) return;
    const first = this.queued.size === 0;
    this.queued.set(conversationId, to);
    if (first) this.delay = this.options.retryBaseMs;
    this.schedule();
  }

  /** Waits for the translations under way (tests, and closing the profile). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.waiting.clear();
    this.queued.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.idle();
  }

  private kick(): void {
    this.running ??= this.drain().finally(() => {
      this.running = null;
      if (this.waiting.size > 0 && !this.stopped) this.kick();
    });
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      for (const [id] of this.queued) this.waiting.add(id);
      this.kick();
    }, this.delay);
    this.timer.unref?.();
  }

  private async drain(): Promise<void> {
    const ready: string[] = [];
    for (const id of this.waiting) {
      this.waiting.delete(id);
      if (this.stopped) return;
      const asked = this.queued.has(id);
      const to = this.queued.get(id);
      // Failures are in the result (queued / failed); the agent sees them when opening the conversation.
      const result = await translateConversation(this.store, this.secrets, id, to, this.now()).catch(() => null);
      if (this.stopped) return;
      if (result?.messages.some((m) => m.state === 'queued')) {
        this.queued.set(id, to); // still unreachable: tried again later
        continue;
      }
      this.queued.delete(id); // done, refused for good (failed), or the conversation is gone
      if (asked && result) ready.push(id);
    }
    if (ready.length > 0) {
      this.delay = this.options.retryBaseMs;
      this.events.emit('translations.ready', { conversationIds: ready });
    }
    if (this.queued.size > 0) {
      this.delay = ready.length > 0 ? this.options.retryBaseMs : Math.min(this.options.retryMaxMs, this.delay * 2);
      this.schedule();
    }
  }
}
