// Replays the outbox: leases due ops (the oldest per conversation, so each thread keeps its order), hands each
// to its account's connector, and records the outcome. Transient failures back off exponentially with jitter;
// permanent ones stop with a reason the user sees. Leases left by a crash return to 'pending' at start.
import type { Store } from '../db/store.js';
import type { CoreEvents } from '../events.js';
import type { ChannelConnector } from '../channels/channel.js';
import type { OutboxRecord } from '../db/queries/outbox.js';
import { PermanentError, UncertainError } from '../errors.js';
import { newId } from '../ids.js';
import { carriedMessageOf, sentMessageOf } from './op-kinds.js';

export interface RunnerOptions {
  now(): number;
  random(): number;
  /** How long one attempt may hold its op before another process may take it over. */
  leaseMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts after which a still-failing op is given up as failed. */
  maxAttempts: number;
  /** Ops carried out at once per account (servers cap connections per user: Gmail 15, Dovecot 10 per IP). */
  perAccountConcurrency: number;
}

export const defaultRunnerOptions: RunnerOptions = {
  now: () => Date.now(),
  random: Math.random,
  leaseMs: 5 * 60_000,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  maxAttempts: 12,
  perAccountConcurrency: 8,
};

/** Exponential backoff with jitter: between half and all of base·2^(attempt-1), capped. */
export function backoffDelay(attempt: number, o: Pick<RunnerOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const full = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + (full / 2) * o.random());
}

export class OutboxRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true; // until start(): a CLI `reply` only queues; `sync --once` drains
  private recovered = false;

  constructor(
    private readonly store: Store,
    private readonly events: CoreEvents,
    /** Who carries out an op: its account's connector, or the core itself for ops such as translation. */
    private readonly performerFor: (op: OutboxRecord) => Pick<ChannelConnector, 'perform'> | undefined,
    private readonly options: RunnerOptions = defaultRunnerOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.recoverOnce();
    this.kick();
  }

  /** Ops left 'sending' by a previous process go back to the queue, marked as possibly done. */
  private recoverOnce(): void {
    if (this.recovered) return;
    this.recovered = true;
    if (this.store.outbox.recoverOrphans(this.options.now()) > 0) this.emitCounts();
  }

  private emitCounts(): void {
    this.events.emit('outbox.changed', this.store.outbox.counts());
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Runs a pass now (or right after the one in progress). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass().then(() => undefined, () => undefined).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      } else {
        this.scheduleNext();
      }
    });
  }

  /** Passes until nothing is due now (used by `sync --once`); ops backing off for later are left for later. */
  async drain(): Promise<void> {
    this.recoverOnce();
    while (this.running) await this.running;
    for (;;) {
      const handled = await this.pass();
      if (handled === 0) return;
    }
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const next = this.store.outbox.nextDueAt();
    if (next === null) return;
    const delay = Math.max(0, Math.min(next - this.options.now(), 2 ** 31 - 1));
    this.timer = setTimeout(() => this.kick(), delay);
    this.timer.unref?.();
  }

  private async pass(): Promise<number> {
    const ops = this.store.outbox.claimDue(this.options.now(), this.options.leaseMs, 50);
    // Different conversations go in parallel (claimDue gives at most one op per conversation), a few per account.
    const byAccount = new Map<string, OutboxRecord[]>();
    for (const op of ops) byAccount.set(op.accountId, [...(byAccount.get(op.accountId) ?? []), op]);
    await Promise.all(
      [...byAccount.values()].map(async (queue) => {
        const workers = Array.from({ length: Math.min(this.options.perAccountConcurrency, queue.length) }, async () => {
          for (let op = queue.shift(); op; op = queue.shift()) await this.attempt(op);
        });
        await Promise.all(workers);
      }),
    );
    return ops.length;
  }

  private async attempt(op: OutboxRecord): Promise<void> {
    // Only a send op moves a message through queued → sending → sent; flag ops leave the send state alone.
    const messageId = sentMessageOf(op);
    // The reply an op carries (also while it is being translated), whose state shows a failure.
    const carried = carriedMessageOf(op);
    const changed = () => op.conversationId && this.events.emit('conversations.changed', { ids: [op.conversationId] });
    const connector = this.performerFor(op);
    if (!connector) {
      this.finishFailed(op, carried, 'The account for this message no longer exists.');
      changed();
      return;
    }
    if (messageId) {
      this.store.messages.setSendState(messageId, 'sending');
      changed();
    }
    try {
      const outcome = await connector.perform(op);
      const now = this.options.now();
      this.store.transaction(() => {
        this.store.outbox.markSent(op.id, outcome.remoteRef, now);
        if (messageId) this.store.messages.setSendState(messageId, 'sent');
        for (const f of outcome.followUps ?? []) {
          this.store.outbox.enqueue(
            { id: newId(), kind: f.kind, accountId: op.accountId, conversationId: op.conversationId, payload: f.payload },
            now,
          );
        }
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (err instanceof PermanentError || op.attempts >= this.options.maxAttempts) {
        this.finishFailed(op, carried, reason);
      } else {
        const now = this.options.now();
        this.store.transaction(() => {
          // A provider that says when to come back (a rate limit's retry-after) is not asked sooner.
          const asked = typeof (err as { retryAfterMs?: unknown }).retryAfterMs === 'number' ? (err as { retryAfterMs: number }).retryAfterMs : 0;
          const delay = Math.max(backoffDelay(op.attempts, this.options), asked);
          this.store.outbox.reschedule(op.id, now + delay, reason, err instanceof UncertainError, now);
          if (carried) this.store.messages.setSendState(carried, 'queued', reason);
        });
      }
    }
    changed();
    this.emitCounts();
  }

  private finishFailed(op: OutboxRecord, messageId: string | null, reason: string): void {
    const now = this.options.now();
    this.store.transaction(() => {
      this.store.outbox.markFailed(op.id, reason, now);
      if (messageId) this.store.messages.setSendState(messageId, 'failed', reason);
    });
  }
}
