// How a waiting conversation stands against its first-response target: due later, due soon (within a quarter
// of an hour: what the "Breaching soon" view lists), or late; and the time left or over, as the agent reads it.

/** Within this long of the due time a reply is "due soon" (the core's is:due uses the same). */
export const DUE_SOON_MS = 15 * 60_000;

export type DueState = 'later' | 'soon' | 'late';

export function dueState(dueAt: number, now: number): DueState {
  if (dueAt <= now) return 'late';
  return dueAt - now <= DUE_SOON_MS ? 'soon' : 'later';
}

/** "12 min", "1 hr 5 min", "3 days" in the UI language (whole minutes, rounded up while time is left). */
export function durationText(ms: number, language: string): string {
  const minutes = Math.max(1, Math.ceil(Math.abs(ms) / 60_000));
  const unit = (value: number, u: 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(language, { style: 'unit', unit: u, unitDisplay: u === 'day' ? 'long' : 'short' }).format(value);
  if (minutes < 60) return unit(minutes, 'minute');
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? unit(h, 'hour') : `${unit(h, 'hour')} ${unit(m, 'minute')}`;
  }
  return unit(Math.floor(minutes / (24 * 60)), 'day');
}
