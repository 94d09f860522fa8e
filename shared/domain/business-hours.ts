// An account's business hours: when the seller answers, in the seller's time zone, with holidays. Pure
// functions over Intl's time-zone data (built into Node and Chromium), used by the auto-reply (the core and the
// Sieve script it installs on the mail server) and shown by the renderer.
import { z } from 'zod';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time as HH:MM');

export const OpeningSchema = z
  .object({ from: HHMM, to: HHMM })
  .refine((o) => o.from < o.to, 'an opening ends after it starts');
export type Opening = z.infer<typeof OpeningSchema>;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const BusinessHoursSchema = z.object({
  /** IANA time zone of the seller (Asia/Shanghai). */
  timeZone: z.string().min(1).max(64).refine(isTimeZone, 'a time zone such as Asia/Shanghai'),
  /** Openings per weekday, index 0 = Sunday … 6 = Saturday (as JavaScript and Sieve count). */
  days: z.array(z.array(OpeningSchema).max(4)).length(7),
  /** Whole days closed (YYYY-MM-DD, in the seller's time zone). */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')).max(366),
});
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

/** Monday to Friday, 09:00–18:00, in the given zone. */
export function defaultBusinessHours(timeZone: string): BusinessHours {
  const day = [{ from: '09:00', to: '18:00' }];
  return { timeZone: isTimeZone(timeZone) ? timeZone : 'UTC', days: [[], day, day, day, day, day, []], holidays: [] };
}

interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(zone: string): Intl.DateTimeFormat {
  let f = partsFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    partsFormats.set(zone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function fields(at: number, zone: string) {
  const out: Record<string, string> = {};
  for (const p of partsFormat(zone).formatToParts(new Date(at))) out[p.type] = p.value;
  return { y: Number(out.year), mo: Number(out.month), d: Number(out.day), h: Number(out.hour) % 24, mi: Number(out.minute), s: Number(out.second), wd: WEEKDAYS.indexOf(out.weekday!) };
}

/** Zone offsets by UTC quarter hour (no zone changes its offset inside one): Intl is asked once per quarter. */
const offsets = new Map<string, number>();
function offsetAt(zone: string, at: number): number {
  const key = `${zone} ${Math.floor(at / 900_000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 50_000) offsets.clear();
    offset = zoneOffsetMinutes(zone, at);
    offsets.set(key, offset);
  }
  return offset;
}

/** The wall-clock date, weekday and time at an instant in a zone. */
export function localTime(at: number, zone: string): LocalTime {
  const wall = new Date(at + offsetAt(zone, at) * 60_000);
  return { date: wall.toISOString().slice(0, 10), weekday: wall.getUTCDay(), minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes() };
}

/** The zone's offset from UTC at an instant, in minutes (+480 for Asia/Shanghai). */
export function zoneOffsetMinutes(zone: string, at: number): number {
  const f = fields(at, zone);
  return Math.round((Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s) - Math.floor(at / 1000) * 1000) / 60_000);
}

/** "+0800", "-0330": the offset as Sieve's `:zone` and RFC 5322 dates write it. */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}${String(m % 60).padStart(2, '0')}`;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Recent answers of instantOf: reports ask for the same opening times of the same days thousands of times. */
const instants = new Map<string, number>();

/** The instant a wall-clock time of a date has in a zone (the later one when a clock change repeats it). */
export function instantOf(date: string, minutes: number, zone: string): number {
  const key = `${zone} ${date} ${minutes}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  if (instants.size > 20_000) instants.clear();
  const at = computeInstant(date, minutes, zone);
  instants.set(key, at);
  return at;
}

function computeInstant(date: string, minutes: number, zone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, 0, minutes);
  let at = wall - zoneOffsetMinutes(zone, wall) * 60_000;
  at = wall - zoneOffsetMinutes(zone, at) * 60_000;
  return at;
}

/** A YYYY-MM-DD date n days later (or earlier). */
export function addDays(date: string, n: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d + n)).toISOString().slice(0, 10);
}

/** Whether the seller is open at an instant. */
export function isOpenAt(hours: BusinessHours, at: number): boolean {
  const t = localTime(at, hours.timeZone);
  if (hours.holidays.includes(t.date)) return false;
  return (hours.days[t.weekday] ?? []).some((o) => t.minutes >= toMinutes(o.from) && t.minutes < toMinutes(o.to));
}

/** When the seller next opens (`at` itself when open now); null when no opening falls in the coming year. */
export function nextOpening(hours: BusinessHours, at: number): number | null {
  if (isOpenAt(hours, at)) return at;
  const today = localTime(at, hours.timeZone).date;
  for (let i = 0; i <= 370; i++) {
    const date = addDays(today, i);
    if (hours.holidays.includes(date)) continue;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const starts = (hours.days[weekday] ?? []).map((o) => toMinutes(o.from)).sort((a, b) => a - b);
    for (const start of starts) {
      const instant = instantOf(date, start, hours.timeZone);
      if (instant > at) return instant;
    }
  }
  return null;
}

/**
 * The hours as a customer reads them in their language: "Mon–Fri 09:00–18:00 (GMT+8)", days with the same
 * openings grouped, the zone as its offset (which every reader understands).
 */
export function describeHours(hours: BusinessHours, language: string, at = Date.now()): string {
  let dayName: Intl.DateTimeFormat;
  try {
    dayName = new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' });
  } catch {
    dayName = new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: 'UTC' });
  }
  // 2023-01-01 was a Sunday: day i of that week names weekday i.
  const name = (wd: number) => dayName.format(new Date(Date.UTC(2023, 0, 1 + wd)));
  const key = (wd: number) => (hours.days[wd] ?? []).map((o) => `${o.from}–${o.to}`).join(', ');
  // Monday first, Sunday last, as shops write their hours.
  const order = [1, 2, 3, 4, 5, 6, 0];
  const groups: Array<{ first: number; last: number; text: string }> = [];
  for (const wd of order) {
    const text = key(wd);
    const prev = groups[groups.length - 1];
    if (prev && prev.text === text && order.indexOf(prev.last) === order.indexOf(wd) - 1) prev.last = wd;
    else groups.push({ first: wd, last: wd, text });
  }
  const open = groups.filter((g) => g.text);
  if (open.length === 0) return '';
  const zone = `GMT${offsetText(zoneOffsetMinutes(hours.timeZone, at)).replace(/^([+-])0?(\d+)00$/, '$1$2').replace(/^([+-])0?(\d+)(\d\d)$/, '$1$2:$3')}`;
  const days = open.map((g) => `${g.first === g.last ? name(g.first) : `${name(g.first)}–${name(g.last)}`} ${g.text}`);
  return `${days.join('; ')} (${zone})`;
}

/**
 * Minutes between two instants that fall within business hours (a first-response time counts only the time
 * the seller was open). Walks the local days between them, intersecting each day's openings.
 */
export function businessMinutesBetween(hours: BusinessHours, from: number, to: number): number {
  if (to <= from) return 0;
  let total = 0;
  const first = localTime(from, hours.timeZone).date;
  const last = localTime(to, hours.timeZone).date;
  for (let date = first, i = 0; i < 3700; date = addDays(date, 1), i++) {
    if (!hours.holidays.includes(date)) {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      for (const o of hours.days[weekday] ?? []) {
        const start = Math.max(from, instantOf(date, toMinutes(o.from), hours.timeZone));
        const end = Math.min(to, instantOf(date, toMinutes(o.to), hours.timeZone));
        if (end > start) total += end - start;
      }
    }
    if (date === last) break;
  }
  return total / 60_000;
}

/** A day's openings as instants, earliest first (none on a holiday). */
function openingsOn(hours: BusinessHours, date: string): Array<{ start: number; end: number }> {
  if (hours.holidays.includes(date)) return [];
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (hours.days[weekday] ?? [])
    .map((o) => ({ start: instantOf(date, toMinutes(o.from), hours.timeZone), end: instantOf(date, toMinutes(o.to), hours.timeZone) }))
    .sort((a, b) => a.start - b.start);
}

/** Days looked through for a due time: a year and a bit (hours closed longer than that never make a reply due). */
const DUE_HORIZON_DAYS = 400;

/**
 * When `minutes` of business time have passed since `from`: a reply target counted only while the seller is
 * open (a message on Friday night with a 30-minute target is due at 09:30 on Monday). null when the hours have
 * no opening within a year.
 */
export function addBusinessMinutes(hours: BusinessHours, from: number, minutes: number): number | null {
  let left = minutes * 60_000;
  const first = localTime(from, hours.timeZone).date;
  for (let i = 0; i < DUE_HORIZON_DAYS; i++) {
    for (const o of openingsOn(hours, addDays(first, i))) {
      const start = Math.max(from, o.start);
      if (o.end <= start) continue;
      if (o.end - start >= left) return start + left;
      left -= o.end - start;
    }
  }
  return null;
}

/**
 * The latest start whose `minutes` of business time are over by `by` (the inverse of addBusinessMinutes: a
 * conversation waiting since then or earlier is due by then). null when no start within a year qualifies.
 */
export function latestStartDueBy(hours: BusinessHours, by: number, minutes: number): number | null {
  let left = minutes * 60_000;
  const last = localTime(by, hours.timeZone).date;
  for (let i = 0; i < DUE_HORIZON_DAYS; i++) {
    const day = openingsOn(hours, addDays(last, -i));
    for (let k = day.length - 1; k >= 0; k--) {
      const o = day[k]!;
      const end = Math.min(by, o.end);
      if (end <= o.start) continue;
      if (end - o.start >= left) return end - left;
      left -= end - o.start;
    }
  }
  return null;
}
