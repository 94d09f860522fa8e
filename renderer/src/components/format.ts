// Dates and error messages as the agent sees them, in the UI language and the viewer's time zone.
import type { TFunction } from 'i18next';
import type { ApiError } from '../../../shared/domain/types';

export function shortTime(ms: number, lng: string, now = Date.now()): string {
  const d = new Date(ms);
  const today = new Date(now);
  const sameDay = d.toDateString() === today.toDateString();
  return new Intl.DateTimeFormat(lng, sameDay ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric' }).format(d);
}

/** A file size in the viewer's language and units (kB, MB). */
export function fileSize(bytes: number, lng: string): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, 'megabyte'] : [Math.max(1, bytes / 1000), 'kilobyte'];
  return new Intl.NumberFormat(lng, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

export function fullTime(ms: number, lng: string): string {
  return new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** A translated sentence for the error code, with the server's own words kept as detail. */
export function errorText(t: TFunction, error: ApiError): { message: string; detail: string } {
  return { message: t(`errors.${error.code}`), detail: error.message };
}
