// Desktop notifications: the settings (on/off, accounts muted, quiet hours) and the one rule on quiet hours,
// shared by the core (which decides what is worth telling) and the settings screen.
import { z } from 'zod';
import { localTime } from './business-hours.js';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');

export const NotificationSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  /** Accounts whose new messages never notify. */
  mutedAccounts: z.array(z.string().min(1)).max(200).default([]),
  /** No notifications between these times of this computer's day (across midnight when `from` is later). */
  quietHours: z.object({ from: HHMM, to: HHMM }).refine((q) => q.from !== q.to, 'quiet hours end at another time than they start').nullable().default(null),
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

export const defaultNotificationSettings: NotificationSettings = { enabled: true, mutedAccounts: [], quietHours: null };

/** A new customer message worth a desktop notification. */
export interface NewMessageNotice {
  conversationId: string;
  accountId: string;
  /** The customer's name (else address). */
  customer: string;
  subject: string;
  /** The start of the message. */
  snippet: string;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Whether `at` falls in the quiet hours, read on the clock of `timeZone`. */
export function inQuietHours(quiet: NotificationSettings['quietHours'], at: number, timeZone: string): boolean {
  if (!quiet) return false;
  const now = localTime(at, timeZone).minutes;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  return from < to ? now >= from && now < to : now >= from || now < to;
}
