// A first sync remembers the top of a folder's UIDs before fetching downward; a mailbox of 150,000 messages
// (common for a seller with years of mail) must not overflow the call stack doing so.
import { describe, expect, it } from 'vitest';
import { highestUid } from './imap-sync.js';

describe("the top of a folder's UIDs", () => {
  it('is found among 300,000 UIDs in any order, and is 0 for an empty folder', () => {
    const uids = Array.from({ length: 300_000 }, (_, i) => ((i * 7919) % 300_000) + 1);
    expect(highestUid(uids)).toBe(300_000);
    expect(highestUid([])).toBe(0);
    expect(highestUid([5, 3, 9, 1])).toBe(9);
  });
});
