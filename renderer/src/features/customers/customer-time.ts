// A time on the customer's clock (their zone, or the fixed offset their mail gave), as the agent reads it.
import type { CustomerClock } from '../../../../shared/domain/types';

/** "+1", "−3:30", "+5:45": an offset as people write it. */
export function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const m = Math.abs(minutes);
  return `UTC${sign}${Math.floor(m / 60)}${m % 60 ? `:${String(m % 60).padStart(2, '0')}` : ''}`;
}

/** The weekday and time at `at` on the customer's clock: "Wed 03:12". */
export function customerTime(at: number, clock: CustomerClock, language: string): string {
  const options: Intl.DateTimeFormatOptions = { weekday: 'short', hour: '2-digit', minute: '2-digit' };
  return clock.timeZone
    ? new Intl.DateTimeFormat(language, { ...options, timeZone: clock.timeZone }).format(at)
    : new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' }).format(at + clock.offsetMinutes * 60_000);
}

/** The hour on the customer's clock (0–23), to say whether it is night there. */
export function customerHour(at: number, clock: CustomerClock): number {
  if (!clock.timeZone) return new Date(at + clock.offsetMinutes * 60_000).getUTCHours();
  return Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: clock.timeZone }).format(at));
}
