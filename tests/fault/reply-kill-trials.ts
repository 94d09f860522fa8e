// SIGKILL trials for replies on an API channel: each trial queues one reply, starts a core process that replays
// the outbox and kills it 0–150 ms in (deterministic points), records where the reply's op stood when the
// process died, then lets a second process finish the replay.
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { openCore } from '../support/core-fixture.js';
import { runReplayChild } from './run-replay-child.js';

export interface KilledReply {
  messageId: string;
  pieces: string[];
  /** The op's status in the database after the kill: pending, sending, sent (or gone). */
  stateAtKill: string;
}

export async function replyKillTrials(o: {
  profile: string;
  conversationId: string;
  trials: number;
  seed: number;
  text: (trial: number) => string;
  split: (text: string) => string[];
  /** Written in the agent's language, translated on the way out. */
  translate?: boolean;
}): Promise<KilledReply[]> {
  const replies: KilledReply[] = [];
  let rng = o.seed;
  const random = () => ((rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let trial = 0; trial < o.trials; trial++) {
    const text = o.text(trial);
    const f = openCore(o.profile);
    const { messageId } = await f.call('messages.reply', { conversationId: o.conversationId, text, ...(o.translate ? { translate: true } : {}) });
    await f.close();
    await runReplayChild(o.profile, Math.floor(random() * 150));
    const db = new Database(path.join(o.profile, 'inbox.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The op furthest along: the send once the translation is done.
    const op = db
      .prepare("SELECT kind || ':' || status AS status FROM outbox WHERE kind IN ('message.translate', 'message.send') AND json_extract(payload_json, '$.messageId') = ? ORDER BY rowid DESC LIMIT 1")
      .get(messageId) as { status: string } | undefined;
    db.close();
    replies.push({ messageId, pieces: o.split(text), stateAtKill: op?.status ?? 'gone' });
    await runReplayChild(o.profile, null);
  }
  return replies;
}

/** How many trials the kill caught in each state, for the printed summary. */
export function killStates(replies: KilledReply[]): string {
  const n = (s: string) => replies.filter((r) => r.stateAtKill === s).length;
  const m = (s: string) => replies.filter((r) => r.stateAtKill.startsWith(s)).length;
  const states = `killed while pending ${n('message.send:pending')}, while sending ${n('message.send:sending')}, after sent ${n('message.send:sent')}`;
  return m('message.translate') > 0 ? `killed while translating ${m('message.translate')}, ${states}` : states;
}
