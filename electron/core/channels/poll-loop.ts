// The loop an API channel without push runs: a sync pass, a wait, again; on failure the account shows the
// reason and the pass is retried with a growing delay (or when the provider says, for a rate limit).
import type { AccountStatus } from '../../../shared/domain/types.js';
import { CoreError, diskFullError } from '../errors.js';
import type { CoreEvents } from '../events.js';

const RETRY_BASE_MS = 1000;
const RETRY_MAX_MS = 5 * 60_000;

export class PollLoop {
  private current: AccountStatus;
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private failures = 0;

  constructor(
    private readonly accountId: string,
    private readonly events: CoreEvents,
    private readonly now: () => number,
    /** Time between two passes while all is well. */
    private readonly intervalMs: number,
    private readonly pass: () => Promise<void>,
  ) {
    this.current = { accountId, state: 'idle' };
  }

  status(): AccountStatus {
    return this.current;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    this.loop = null;
  }

  /** A pass now, instead of after the wait. */
  wake(): void {
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let delay = this.intervalMs;
      try {
        if (this.current.state !== 'online') this.setStatus({ state: 'syncing' });
        await this.pass();
        this.failures = 0;
        if (this.current.state !== 'online') this.setStatus({ state: 'online' });
      } catch (err) {
        if (!this.running) break;
        const e = err instanceof CoreError ? err : (diskFullError(err) ?? new CoreError('INTERNAL', (err as Error).message));
        this.failures += 1;
        const asked = (e as { retryAfterMs?: unknown }).retryAfterMs;
        delay =
          typeof asked === 'number' ? asked : e.code === 'AUTH_FAILED' ? RETRY_MAX_MS : Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (this.failures - 1));
        this.setStatus({ state: 'error', errorCode: e.code, errorDetail: e.message, retryAt: this.now() + delay });
      }
      if (this.running) await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wakeUp = null;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private setStatus(s: Omit<AccountStatus, 'accountId'>): void {
    this.current = { accountId: this.accountId, ...s };
    this.events.emit('account.status', this.current);
  }
}

/**
 * The part every polled API channel shares: the loop, its status, and one pass at a time (a second caller while
 * a pass runs waits for it instead of running another beside it). Subclasses say what a pass does.
 */
export abstract class PolledConnector {
  private readonly loop: PollLoop;
  private passing: Promise<void> | null = null;

  constructor(accountId: string, events: CoreEvents, now: () => number, intervalMs: number) {
    this.loop = new PollLoop(accountId, events, now, intervalMs, () => this.syncOnce());
  }

  protected abstract pass(): Promise<void>;

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  wake(): void {
    this.loop.wake();
  }

  status(): AccountStatus {
    return this.loop.status();
  }

  syncOnce(): Promise<void> {
    this.passing ??= this.pass().finally(() => {
      this.passing = null;
    });
    return this.passing;
  }
}
