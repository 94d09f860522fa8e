// Queries on the durable outbox. Ops for one conversation are handed out one at a time, oldest first.
import { payloadToWrite } from '../../outbox/op-kinds.js';
import type { Db } from '../connection.js';
import type { OutboxOp, OutboxStatus } from '../../../../shared/domain/types.js';

export interface OutboxRecord extends OutboxOp {
  payload: Record<string, unknown>;
  remoteRef: string | null;
  /** An earlier attempt may have reached the server: check remotely before doing it again. */
  outcomeUnknown: boolean;
}

interface RawOp {
  id: string;
  kind: string;
  account_id: string;
  conversation_id: string | null;
  payload_json: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  remote_ref: string | null;
  last_error: string | null;
  outcome_unknown: number;
  created_at: number;
}

const toRecord = (r: RawOp): OutboxRecord => ({
  id: r.id,
  kind: r.kind,
  accountId: r.account_id,
  conversationId: r.conversation_id,
  payload: JSON.parse(r.payload_json) as Record<string, unknown>,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  remoteRef: r.remote_ref,
  lastError: r.last_error,
  outcomeUnknown: r.outcome_unknown === 1,
  createdAt: r.created_at,
});

export function outboxQueries(db: Db) {
  const insert = db.prepare(
    `INSERT INTO outbox (id, kind, account_id, conversation_id, payload_json, status, attempts, next_attempt_at,
       created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
  );
  // The oldest unfinished op of each target is the only candidate: later ops of the same conversation wait.
  const due = db.prepare<[number, number], RawOp>(
    `SELECT o.* FROM outbox o
     WHERE o.status = 'pending' AND o.next_attempt_at <= ?
       AND NOT EXISTS (
         SELECT 1 FROM outbox p WHERE p.status IN ('pending', 'sending') AND p.id < o.id
           AND p.account_id = o.account_id AND coalesce(p.conversation_id, '') = coalesce(o.conversation_id, ''))
     ORDER BY o.id LIMIT ?`,
  );
  const lease = db.prepare(
    "UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_until = ?, updated_at = ? WHERE id = ? AND status = 'pending'",
  );
  const finish = db.prepare(
    "UPDATE outbox SET status = 'sent', remote_ref = ?, lease_until = NULL, last_error = NULL, outcome_unknown = 0, updated_at = ? WHERE id = ?",
  );
  const retry = db.prepare(
    `UPDATE outbox SET status = 'pending', next_attempt_at = ?, lease_until = NULL, last_error = ?,
       outcome_unknown = max(outcome_unknown, ?), updated_at = ? WHERE id = ?`,
  );
  const fail = db.prepare(
    "UPDATE outbox SET status = 'failed', lease_until = NULL, last_error = ?, updated_at = ? WHERE id = ?",
  );
  // An op still 'sending' when its process died may or may not have reached the server.
  const recover = db.prepare(
    "UPDATE outbox SET status = 'pending', lease_until = NULL, outcome_unknown = 1, updated_at = ? WHERE status = 'sending'",
  );
  const userRetry = db.prepare(
    "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL, updated_at = ? WHERE id = ? AND status = 'failed'",
  );
  const discard = db.prepare("DELETE FROM outbox WHERE id = ? AND status IN ('pending', 'failed')");
  const discardForConversation = db.prepare("DELETE FROM outbox WHERE conversation_id = ? AND status IN ('pending', 'failed')");
  const makeDue = db.prepare(
    // Only ops backing off after a failed attempt: a reply held for its undo window keeps waiting.
    "UPDATE outbox SET next_attempt_at = ?, updated_at = ? WHERE account_id = ? AND status = 'pending' AND next_attempt_at > ? AND attempts > 0",
  );
  const supersede = db.prepare("DELETE FROM outbox WHERE kind = ? AND account_id = ? AND status = 'pending' AND json_extract(payload_json, '$.key') = ?");
  const one = db.prepare<[string], RawOp>('SELECT * FROM outbox WHERE id = ?');
  const open = db.prepare<[], RawOp>("SELECT * FROM outbox WHERE status != 'sent' ORDER BY id");
  const counts = db.prepare<[], { pending: number; failed: number }>(
    "SELECT coalesce(sum(status IN ('pending', 'sending')), 0) AS pending, coalesce(sum(status = 'failed'), 0) AS failed FROM outbox",
  );
  const nextDue = db.prepare<[], { t: number | null }>("SELECT min(next_attempt_at) AS t FROM outbox WHERE status = 'pending'");
  const pendingMove = db.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM outbox WHERE kind = 'conversation.move' AND status IN ('pending', 'sending', 'failed') AND conversation_id = ?`,
  );
  const pendingTags = db.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM outbox WHERE kind = 'message.set-flag' AND status IN ('pending', 'sending', 'failed')
       AND conversation_id = ? AND json_extract(payload_json, '$.flag') = 'tag'`,
  );
  const pendingFlag = db.prepare<[string, string], { n: number }>(
    `SELECT count(*) AS n FROM outbox WHERE kind = 'message.set-flag' AND status IN ('pending', 'sending', 'failed')
       AND json_extract(payload_json, '$.messageId') = ? AND json_extract(payload_json, '$.flag') = ?`,
  );

  return {
    /** Queues an op, due at once or at `dueAt` (a reply held for its undo window). */
    enqueue(op: { id: string; kind: string; accountId: string; conversationId: string | null; payload: object }, now: number, dueAt = now): void {
      insert.run(op.id, op.kind, op.accountId, op.conversationId, JSON.stringify(payloadToWrite(op.kind, op.payload)), dueAt, now, now);
    },
    /**
     * Enqueues a state op that replaces any still-pending op of the same kind and key: state ops carry the
     * absolute target state, so only the newest one needs to reach the server.
     */
    enqueueLatest(op: { id: string; kind: string; accountId: string; conversationId: string | null; payload: { key: string; [field: string]: unknown } }, now: number): void {
      supersede.run(op.kind, op.accountId, op.payload.key);
      insert.run(op.id, op.kind, op.accountId, op.conversationId, JSON.stringify(payloadToWrite(op.kind, op.payload)), now, now, now);
    },
    /** Leases up to `limit` due ops (one per target); returns them with attempts already counted. */
    claimDue(now: number, leaseMs: number, limit: number): OutboxRecord[] {
      return db.transaction(() => {
        const picked: OutboxRecord[] = [];
        for (const r of due.all(now, limit)) {
          if (lease.run(now + leaseMs, now, r.id).changes === 1) picked.push(toRecord({ ...r, attempts: r.attempts + 1 }));
        }
        return picked;
      })();
    },
    markSent(id: string, remoteRef: string | null, now: number): void {
      finish.run(remoteRef, now, id);
    },
    reschedule(id: string, at: number, error: string, outcomeUnknown: boolean, now: number): void {
      retry.run(at, error, outcomeUnknown ? 1 : 0, now, id);
    },
    markFailed(id: string, error: string, now: number): void {
      fail.run(error, now, id);
    },
    /** At start, with the profile locked to this process: every op left 'sending' belonged to a dead process. */
    recoverOrphans(now: number): number {
      return recover.run(now).changes;
    },
    /** The user asks to try a failed op again: it starts over with a fresh budget of attempts. */
    retryFailed(id: string, now: number): boolean {
      return userRetry.run(now, now, id).changes === 1;
    },
    /** Removes an op that is not being carried out right now. */
    /** Drops what still waits for a conversation that is going away (an op being sent right now finishes). */
    discardForConversation(conversationId: string): number {
      return discardForConversation.run(conversationId).changes;
    },
    discard(id: string): boolean {
      return discard.run(id).changes === 1;
    },
    /** The account came back online: ops backing off are due now. */
    makeDueNow(accountId: string, now: number): number {
      return makeDue.run(now, now, accountId, now).changes;
    },
    get(id: string): OutboxRecord | undefined {
      const r = one.get(id);
      return r && toRecord(r);
    },
    /** A local change of this flag is still on its way to the server: sync must not overwrite it. */
    hasPendingFlag: (messageId: string, flag: string): boolean => pendingFlag.get(messageId, flag)!.n > 0,
    hasPendingMove: (conversationId: string): boolean => pendingMove.get(conversationId)!.n > 0,
    hasPendingTags: (conversationId: string): boolean => pendingTags.get(conversationId)!.n > 0,
    listOpen: (): OutboxRecord[] => open.all().map(toRecord),
    counts: () => counts.get()!,
    nextDueAt: (): number | null => nextDue.get()?.t ?? null,
  };
}
