// The canned-response picker's matching: letters typed in order find a name, the closest matches first.
import { describe, expect, it } from 'vitest';
import { fuzzyScore } from './TemplatePicker';

describe('finding a canned response by a few letters of its name', () => {
  it('matches letters in order, not necessarily together, and ranks closer matches higher', () => {
    expect(fuzzyScore('wimo', 'Where is my order')).not.toBeNull();
    expect(fuzzyScore('omiw', 'Where is my order')).toBeNull();
    expect(fuzzyScore('', 'Anything')).toBe(0);
    const together = fuzzyScore('custom', 'Shipping delayed at customs')!;
    const scattered = fuzzyScore('custom', 'Can you ship to Monaco? (Sales tax)') ?? -Infinity;
    expect(together).toBeGreaterThan(scattered);
    expect(fuzzyScore('REFUND', 'Refund issued')).not.toBeNull();
  });
});
