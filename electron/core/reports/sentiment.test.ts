import { describe, expect, it } from 'vitest';
import { sentimentOf } from './sentiment.js';
import { readLabelledMessages } from '../../../tests/support/labelled-messages.js';

const rows = readLabelledMessages('sentiment');

describe('sentiment of customer messages', () => {
  it('is right on at least 85 % of the labelled messages in eight languages, and on each language at least 7 of 10', () => {
    const wrong = rows.filter((r) => sentimentOf(r.text, r.language) !== r.label);
    const accuracy = 1 - wrong.length / rows.length;
    console.log(`sentiment: ${(accuracy * 100).toFixed(1)} % right on ${rows.length} labelled messages; wrong: ${wrong.map((w) => `${w.language}:${w.label}:${w.text.slice(0, 30)}`).join(' | ')}`);
    expect(rows.length).toBe(80);
    expect(accuracy).toBeGreaterThanOrEqual(0.85);
    for (const language of new Set(rows.map((r) => r.language))) {
      expect(rows.filter((r) => r.language === language && sentimentOf(r.text, r.language) === r.label).length, language).toBeGreaterThanOrEqual(7);
    }
  });

  it('reads emoji in any language, and a negated praise as negative', () => {
    expect(sentimentOf('👍👍', 'ko')).toBe('positive');
    expect(sentimentOf('😡', null)).toBe('negative');
    expect(sentimentOf('I am not happy with this at all.', 'en')).toBe('negative');
    expect(sentimentOf('Ich bin nicht zufrieden.', 'de')).toBe('negative');
    expect(sentimentOf('我不满意。', 'zh')).toBe('negative');
  });
});
