// Tags as IMAP keywords and back: any tag an agent types survives the round trip through the server.
import { describe, expect, it } from 'vitest';
import { tagKeyword, tagOfKeyword, tagsOfFlags } from './keywords.js';

describe('tag keywords', () => {
  it('are IMAP atoms that decode to the same tag', () => {
    for (const tag of ['VIP', 'wholesale-2026', '紧急', '中a', 'größe L', 'refund_ok', '🎁 gift', 'a_4e2d_b']) {
      const keyword = tagKeyword(tag);
      expect(keyword).toMatch(/^\$Tag_[A-Za-z0-9_-]+$/);
      expect(tagOfKeyword(keyword)).toBe(tag);
    }
  });

  it('reads only our keywords from a message\'s flags', () => {
    expect(tagsOfFlags(['\\Seen', '$Forwarded', '$Tag_VIP', '$Tag__7d27__6025_', 'NonJunk'])).toEqual(['VIP', '紧急']);
  });
});
