import { describe, expect, it } from 'vitest';
import { classifyUrgency } from './urgency.js';
import { readLabelledMessages } from '../../../tests/support/labelled-messages.js';

const rows = readLabelledMessages('urgency');

describe('urgency of a customer message', () => {
  it('is right on at least 90 % of the labelled messages in eight languages, and finds every urgent one', () => {
    const wrong = rows.filter((r) => classifyUrgency(r.text) !== r.label);
    const accuracy = 1 - wrong.length / rows.length;
    console.log(`urgency: ${(accuracy * 100).toFixed(1)} % right on ${rows.length} labelled messages; wrong: ${wrong.map((w) => `${w.language}:${w.label}:${w.text.slice(0, 30)}`).join(' | ')}`);
    expect(rows.length).toBe(80);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    expect(rows.filter((r) => r.label === 'urgent' && classifyUrgency(r.text) !== 'urgent')).toEqual([]);
  });

  it('reads the customer’s own words, not the quoted mail below them', () => {
    expect(classifyUrgency('Thanks!\n\n> We are sorry the lamp arrived broken; a refund is on its way.')).toBe('low');
    expect(classifyUrgency('Great, thanks — but is it still possible to add a second mug?')).toBe('normal');
  });
});
