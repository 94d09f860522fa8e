// The canned-response picker's matching and the manager's list: letters typed in order find a name (or its
// folder), the closest matches first; with nothing typed the agent's most used responses come first; the manager
// groups by folder and finds a response by any of its words.
import { describe, expect, it } from 'vitest';
import type { CannedResponse } from '../../../../shared/domain/types';
import { fuzzyScore, rankResponses } from './TemplatePicker';
import { groupResponses } from './CannedResponsesDialog';

const canned = (name: string, folder: string, useCount: number, variants: Record<string, string> = { en: name }): CannedResponse => ({
  id: name,
  name,
  folder,
  variants,
  review: [],
  useCount,
  lastUsedAt: useCount ? useCount * 1000 : null,
  updatedAt: 1,
});

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

  it('offers the most used first when nothing is typed, and finds a response by its folder too', () => {
    const list = [canned('Refund issued', 'Money', 1), canned('Where is my order', 'Shipping', 9), canned('Review request', '', 0)];
    expect(rankResponses(list, '').map((c) => c.name)).toEqual(['Where is my order', 'Refund issued', 'Review request']);
    expect(rankResponses(list, 'ship').map((c) => c.name)).toEqual(['Where is my order']);
    expect(rankResponses(list, 're').map((c) => c.name).slice(0, 2).sort()).toEqual(['Refund issued', 'Review request']);
  });
});

describe('the canned responses manager', () => {
  it('groups responses by folder, those without one last, and filters by name, folder or text', () => {
    const list = [canned('Refund issued', 'Money', 0, { en: 'We refunded', es: 'Hemos reembolsado' }), canned('Review request', '', 0), canned('Where is my order', 'Shipping', 0)];
    expect(groupResponses(list, '').map((g) => [g.folder, g.items.map((c) => c.name)])).toEqual([
      ['Money', ['Refund issued']],
      ['Shipping', ['Where is my order']],
      ['', ['Review request']],
    ]);
    expect(groupResponses(list, 'reembolsado').flatMap((g) => g.items.map((c) => c.name))).toEqual(['Refund issued']);
    expect(groupResponses(list, 'shipping order').flatMap((g) => g.items.map((c) => c.name))).toEqual(['Where is my order']);
  });
});
