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
}): Promise<KilledReply[]> {
  const replies: KilledReply[] = [];
  let rng = o.seed;
  const random = () => ((rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let trial = 0; trial < o.trials; trial++) {
    const text = o.text(trial);
    const f = openCore(o.profile);
    const { messageId } = await f.call('messages.reply', { conversationId: o.conversationId, text });
    await f.close();
    await runReplayChild(o.profile, Math.floor(random() * 150));
    const db = new Database(path.join(o.profile, 'inbox.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const op = db.prepare("SELECT status FROM outbox WHERE kind = 'message.send' AND json_extract(payload_json, '$.messageId') = ?").get(messageId) as { status: string } | undefined;
    db.close();
    replies.push({ messageId, pieces: o.split(text), stateAtKill: op?.status ?? 'gone' });
    await runReplayChild(o.profile, null);
  }
  return replies;
}

/** How many trials the kill caught in each state, for the printed summary. */
export function killStates(replies: KilledReply[]): string {
  const n = (s: string) => replies.filter((r) => r.stateAtKill === s).length;
  return `killed while pending ${n('pending')}, while sending ${n('sending')}, after sent ${n('sent')}`;
}
