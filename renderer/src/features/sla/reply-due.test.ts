// How a reply timer reads: time left, amber within a quarter of an hour, red once late, in the UI language.
import { describe, expect, it } from 'vitest';
import { dueState, durationText } from './reply-due';

const MIN = 60_000;

describe('a reply timer', () => {
  it('is due later, soon (15 minutes or less), or late', () => {
    const now = Date.parse('2026-12-07T01:00:00Z');
    expect(dueState(now + 16 * MIN, now)).toBe('later');
    expect(dueState(now + 15 * MIN, now)).toBe('soon');
    expect(dueState(now + 1, now)).toBe('soon');
    expect(dueState(now, now)).toBe('late');
    expect(dueState(now - 3 * MIN, now)).toBe('late');
  });

  it('says the time left or over in whole minutes, hours and days', () => {
    expect(durationText(12 * MIN - 30_000, 'en')).toBe('12 min');
    expect(durationText(-(65 * MIN), 'en')).toBe('1 hr 5 min');
    expect(durationText(2 * 60 * MIN, 'en')).toBe('2 hr');
    expect(durationText(3 * 24 * 60 * MIN + 5 * MIN, 'en')).toBe('3 days');
    expect(durationText(10_000, 'en')).toBe('1 min');
    expect(durationText(90 * MIN, 'zh-CN')).toBe('1小时 30分钟');
  });
});
