// Assigning conversations: to this app's agent (their name from the settings, else this computer's user name) or
// to nobody; the Mine and Unassigned views find them.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { openCore } from '../support/core-fixture.js';
import type { IncomingMessage } from '../../electron/core/conversations/ingest.js';
import { incoming, demoAccount } from '../support/incoming.js';

const msg = (n: number): IncomingMessage => incoming(`buyer${n}@buyer.test`, { messageIdHeader: `s${n}@buyer.test`, subject: `Question ${n}`, date: Date.now() - 60_000 + n, text: 'Hello' });

describe('assignment', () => {
  it('gives conversations to the agent or to nobody, for the Mine and Unassigned views', async () => {
    const f = openCore();
    try {
      const put = demoAccount(f.core);
      const [a, b] = [1, 2].map((n) => put(msg(n))) as [string, string];
      const found = async (query: string) => (await f.call('search.conversations', { query })).map((c) => c.id).sort();
      // No name set: this computer's user.
      expect(await f.call('conversations.assign', { id: a, mine: true })).toEqual({ assignee: os.userInfo().username });
      await f.call('settings.set', { agentName: 'Mia' });
      expect(await found('is:mine')).toEqual([]);
      expect(await f.call('conversations.assign', { id: b, mine: true })).toEqual({ assignee: 'Mia' });
      expect((await f.call('conversations.get', { id: b })).conversation.assignee).toBe('Mia');
      expect(await found('is:mine')).toEqual([b]);
      expect(await found('is:unassigned')).toEqual([]);
      await f.call('conversations.assign', { id: a, mine: false });
      expect(await found('is:unassigned')).toEqual([a]);
      expect((await f.raw('conversations.assign', { id: 'nope', mine: true })).ok).toBe(false);
    } finally {
      await f.close();
    }
  });
});
