import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addBusinessMinutes, latestStartDueBy, BusinessHoursSchema, businessMinutesBetween, defaultBusinessHours, describeHours, isOpenAt, localTime, nextOpening, offsetText, zoneOffsetMinutes, type BusinessHours } from './business-hours.js';

const at = (iso: string) => new Date(iso).getTime();

describe('business hours', () => {
  const shanghai = defaultBusinessHours('Asia/Shanghai');

  it('is open on a weekday afternoon in the seller’s zone and closed at night and at the weekend', () => {
    // 2026-12-02 is a Wednesday. 06:00 UTC is 14:00 in Shanghai.
    expect(isOpenAt(shanghai, at('2026-12-02T06:00:00Z'))).toBe(true);
    // 12:00 UTC is 20:00 in Shanghai.
    expect(isOpenAt(shanghai, at('2026-12-02T12:00:00Z'))).toBe(false);
    // Saturday 14:00 in Shanghai.
    expect(isOpenAt(shanghai, at('2026-12-05T06:00:00Z'))).toBe(false);
    // 09:00 sharp opens, 18:00 sharp is closed.
    expect(isOpenAt(shanghai, at('2026-12-02T01:00:00Z'))).toBe(true);
    expect(isOpenAt(shanghai, at('2026-12-02T10:00:00Z'))).toBe(false);
  });

  it('is closed on a holiday and opens again the next working day', () => {
    const hours: BusinessHours = { ...shanghai, holidays: ['2026-12-02'] };
    expect(isOpenAt(hours, at('2026-12-02T06:00:00Z'))).toBe(false);
    // Thursday 09:00 in Shanghai = 01:00 UTC.
    expect(nextOpening(hours, at('2026-12-02T06:00:00Z'))).toBe(at('2026-12-03T01:00:00Z'));
  });

  it('finds the next opening over a weekend and says "now" when open', () => {
    // Friday 20:00 Shanghai → Monday 09:00 Shanghai.
    expect(nextOpening(shanghai, at('2026-12-04T12:00:00Z'))).toBe(at('2026-12-07T01:00:00Z'));
    expect(nextOpening(shanghai, at('2026-12-02T06:00:00Z'))).toBe(at('2026-12-02T06:00:00Z'));
    const never: BusinessHours = { ...shanghai, days: [[], [], [], [], [], [], []] };
    expect(nextOpening(never, at('2026-12-02T06:00:00Z'))).toBeNull();
  });

  it('follows daylight saving time in zones that have it', () => {
    const berlin = defaultBusinessHours('Europe/Berlin');
    // Winter: 09:00 in Berlin is 08:00 UTC; summer: 07:00 UTC.
    expect(isOpenAt(berlin, at('2026-12-02T08:00:00Z'))).toBe(true);
    expect(isOpenAt(berlin, at('2026-12-02T07:59:00Z'))).toBe(false);
    expect(isOpenAt(berlin, at('2026-07-01T07:00:00Z'))).toBe(true);
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-12-02T08:00:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-07-01T08:00:00Z'))).toBe(120);
    // Friday 27 March 2026 after hours → Monday 30 March, the first day of summer time: 07:00 UTC.
    expect(nextOpening(berlin, at('2026-03-27T18:00:00Z'))).toBe(at('2026-03-30T07:00:00Z'));
    expect(offsetText(zoneOffsetMinutes('America/St_Johns', at('2026-12-02T08:00:00Z')))).toBe('-0330');
    expect(localTime(at('2026-12-02T23:30:00Z'), 'Asia/Tokyo')).toEqual({ date: '2026-12-03', weekday: 4, minutes: 8 * 60 + 30 });
  });

  it('describes the hours in the customer’s language', () => {
    const hours: BusinessHours = { ...shanghai, days: [[], ...Array(5).fill([{ from: '09:00', to: '18:00' }]), [{ from: '10:00', to: '14:00' }]] };
    expect(describeHours(hours, 'en', at('2026-12-02T06:00:00Z'))).toBe('Mon–Fri 09:00–18:00; Sat 10:00–14:00 (GMT+8)');
    // German abbreviations with or without their dot, as the ICU version writes them.
    expect(describeHours(hours, 'de', at('2026-12-02T06:00:00Z'))).toMatch(/^Mo\.?–Fr\.? 09:00–18:00; Sa\.? 10:00–14:00 \(GMT\+8\)$/);
    expect(describeHours(hours, 'zh', at('2026-12-02T06:00:00Z'))).toBe('周一–周五 09:00–18:00; 周六 10:00–14:00 (GMT+8)');
    expect(describeHours(defaultBusinessHours('Asia/Kolkata'), 'en')).toMatch(/\(GMT\+5:30\)$/);
    expect(describeHours({ ...shanghai, days: [[], [], [], [], [], [], []] }, 'en')).toBe('');
  });

  it('refuses hours a seller could not have meant', () => {
    expect(BusinessHoursSchema.safeParse({ ...shanghai, timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(BusinessHoursSchema.safeParse({ ...shanghai, days: shanghai.days.slice(1) }).success).toBe(false);
    expect(BusinessHoursSchema.safeParse({ ...shanghai, days: [[{ from: '18:00', to: '09:00' }], [], [], [], [], [], []] }).success).toBe(false);
    expect(BusinessHoursSchema.safeParse({ ...shanghai, days: [[{ from: '00:00', to: '24:00' }], [], [], [], [], [], []] }).success).toBe(true);
  });
});

describe('time within business hours', () => {
  const shanghai = defaultBusinessHours('Asia/Shanghai');
  it('counts only the minutes the seller was open', () => {
    // Wednesday 17:30 → Thursday 09:45 Shanghai: 30 minutes on Wednesday, 45 on Thursday.
    expect(businessMinutesBetween(shanghai, at('2026-12-02T09:30:00Z'), at('2026-12-03T01:45:00Z'))).toBe(75);
    // Friday 20:00 → Monday 09:10: the weekend is not counted.
    expect(businessMinutesBetween(shanghai, at('2026-12-04T12:00:00Z'), at('2026-12-07T01:10:00Z'))).toBe(10);
    // Within one opening.
    expect(businessMinutesBetween(shanghai, at('2026-12-02T02:00:00Z'), at('2026-12-02T02:20:00Z'))).toBe(20);
    // A holiday in between is skipped.
    expect(businessMinutesBetween({ ...shanghai, holidays: ['2026-12-03'] }, at('2026-12-02T09:30:00Z'), at('2026-12-04T01:45:00Z'))).toBe(75);
    expect(businessMinutesBetween(shanghai, at('2026-12-03T00:00:00Z'), at('2026-12-02T00:00:00Z'))).toBe(0);
  });
});

describe('a reply target in business hours', () => {
  const shanghai = defaultBusinessHours('Asia/Shanghai');
  const newYork: BusinessHours = { timeZone: 'America/New_York', days: [[], ...Array.from({ length: 5 }, () => [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:00' }]), []], holidays: ['2026-12-25'] };

  it('runs only while the seller is open', () => {
    // Wednesday 10:00 Shanghai: 10:30.
    expect(addBusinessMinutes(shanghai, at('2026-12-02T02:00:00Z'), 30)).toBe(at('2026-12-02T02:30:00Z'));
    // Friday 17:50: ten minutes on Friday, twenty on Monday.
    expect(addBusinessMinutes(shanghai, at('2026-12-04T09:50:00Z'), 30)).toBe(at('2026-12-07T01:20:00Z'));
    // Saturday night: from Monday's opening.
    expect(addBusinessMinutes(shanghai, at('2026-12-05T14:00:00Z'), 30)).toBe(at('2026-12-07T01:30:00Z'));
    // Over the lunch break, and over Christmas (a Friday) and the weekend, in New York (EST, UTC−5).
    expect(addBusinessMinutes(newYork, at('2026-12-02T16:50:00Z'), 30)).toBe(at('2026-12-02T18:20:00Z'));
    expect(addBusinessMinutes(newYork, at('2026-12-24T21:45:00Z'), 30)).toBe(at('2026-12-28T14:15:00Z'));
    // Across the change to summer time (8 March 2026): Friday 16:50 EST → Monday 09:20 EDT.
    expect(addBusinessMinutes(newYork, at('2026-03-06T21:50:00Z'), 30)).toBe(at('2026-03-09T13:20:00Z'));
    // Hours that never open: never due.
    expect(addBusinessMinutes({ ...shanghai, days: [[], [], [], [], [], [], []] }, at('2026-12-02T02:00:00Z'), 30)).toBeNull();
  });

  it('knows the latest start that is due by a time', () => {
    // Monday 09:20 Shanghai: a wait that began Friday 17:50 or earlier.
    expect(latestStartDueBy(shanghai, at('2026-12-07T01:20:00Z'), 30)).toBe(at('2026-12-04T09:50:00Z'));
    // Sunday: whatever began by Friday 17:30.
    expect(latestStartDueBy(shanghai, at('2026-12-06T05:00:00Z'), 30)).toBe(at('2026-12-04T09:30:00Z'));
    expect(latestStartDueBy({ ...shanghai, days: [[], [], [], [], [], [], []] }, at('2026-12-02T02:00:00Z'), 30)).toBeNull();
  });

  it('is the inverse of the due time, for any start, target and hours', () => {
    const opening = fc
      .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 48 }))
      .map(([start, length]) => ({ from: hhmm(start * 15), to: hhmm(Math.min(24 * 60, start * 15 + length * 15)) }))
      .filter((o) => o.from < o.to);
    const hours = fc.record({
      timeZone: fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'UTC'),
      days: fc.array(fc.array(opening, { maxLength: 1 }), { minLength: 7, maxLength: 7 }),
      holidays: fc.constant([] as string[]),
    });
    const instant = fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-01-01T00:00:00Z') });
    fc.assert(
      fc.property(hours, instant, fc.integer({ min: 1, max: 600 }), (h, from, minutes) => {
        const due = addBusinessMinutes(h, from, minutes);
        if (due === null) return;
        expect(due).toBeGreaterThanOrEqual(from + minutes * 60_000);
        expect(Math.round(businessMinutesBetween(h, from, due))).toBe(minutes);
        // Anything that began later than the latest start is due later than `due`.
        const latest = latestStartDueBy(h, due, minutes)!;
        expect(latest).toBeGreaterThanOrEqual(from);
        expect(addBusinessMinutes(h, latest, minutes)).toBeLessThanOrEqual(due);
        expect(addBusinessMinutes(h, latest + 60_000, minutes)!).toBeGreaterThan(due);
      }),
      { numRuns: 300 },
    );
  });
});

function hhmm(minutes: number): string {
  return minutes >= 24 * 60 ? '24:00' : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
