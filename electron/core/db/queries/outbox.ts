// Queries on the durable outbox. Ops for one conversation are handed out one at a time, oldest first.
import type { Db } from '../connection.js';
import type { OutboxOp, OutboxStatus } from '../../../../shared/domain/types.js';

export interface OutboxRecord extends OutboxOp {
  payload: Record<string, unknown>;
  remoteRef: string | null;
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
    "UPDATE outbox SET status = 'sent', remote_ref = ?, lease_until = NULL, last_error = NULL, updated_at = ? WHERE id = ?",
  );
  const retry = db.prepare(
    "UPDATE outbox SET status = 'pending', next_attempt_at = ?, lease_until = NULL, last_error = ?, updated_at = ? WHERE id = ?",
  );
  const fail = db.prepare(
    "UPDATE outbox SET status = 'failed', lease_until = NULL, last_error = ?, updated_at = ? WHERE id = ?",
  );
  const recover = db.prepare(
    "UPDATE outbox SET status = 'pending', lease_until = NULL, updated_at = ? WHERE status = 'sending' AND (lease_until IS NULL OR lease_until < ?)",
  );
  const one = db.prepare<[string], RawOp>('SELECT * FROM outbox WHERE id = ?');
  const open = db.prepare<[], RawOp>("SELECT * FROM outbox WHERE status != 'sent' ORDER BY id");
  const nextDue = db.prepare<[], { t: number | null }>("SELECT min(next_attempt_at) AS t FROM outbox WHERE status = 'pending'");

  return {
    enqueue(op: { id: string; kind: string; accountId: string; conversationId: string | null; payload: object }, now: number): void {
      insert.run(op.id, op.kind, op.accountId, op.conversationId, JSON.stringify(op.payload), now, now, now);
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
    reschedule(id: string, at: number, error: string, now: number): void {
      retry.run(at, error, now, id);
    },
    markFailed(id: string, error: string, now: number): void {
      fail.run(error, now, id);
    },
    /** Ops left 'sending' by a process that died go back to 'pending'. */
    recoverExpiredLeases(now: number): number {
      return recover.run(now, now).changes;
    },
    get(id: string): OutboxRecord | undefined {
      const r = one.get(id);
      return r && toRecord(r);
    },
    listOpen: (): OutboxRecord[] => open.all().map(toRecord),
    nextDueAt: (): number | null => nextDue.get()?.t ?? null,
  };
}
