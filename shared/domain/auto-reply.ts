// An account's out-of-hours auto-reply, as the settings show and change it.
import { z } from 'zod';
import { BusinessHoursSchema } from './business-hours.js';

export const AutoReplyInputSchema = z.object({
  accountId: z.string().min(1),
  enabled: z.boolean(),
  /** The canned response sent (each customer gets its variant in their language). */
  cannedId: z.string().min(1).nullable(),
  /** At most one auto-reply per conversation (and per customer) in this many days. */
  periodDays: z.number().int().min(1).max(30),
  hours: BusinessHoursSchema,
});
export type AutoReplyInput = z.infer<typeof AutoReplyInputSchema>;

/**
 * Where the auto-reply runs: `server` — a Sieve rule on the mail server answers, also while this app is closed;
 * `installing` — the rule waits in the outbox to be put on the server (this app answers meanwhile); `app` — this
 * app answers while it runs (the server keeps no rules, or cannot take this one: `detail` says why); `off`.
 */
export type AutoReplyRunsOn = 'server' | 'installing' | 'app' | 'off';

export interface AutoReplyState extends AutoReplyInput {
  runsOn: AutoReplyRunsOn;
  detail: string | null;
  /** Whether the account is within its business hours now, and when it next opens (null: never). */
  openNow: boolean;
  nextOpening: number | null;
  /** Auto-replies this app sent in the last 30 days (those the server sent are not seen here). */
  sentLast30Days: number;
}
