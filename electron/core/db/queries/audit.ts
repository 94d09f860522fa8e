// The audit log: append and read. The table's triggers refuse any change to a row once written.
import type { Db } from '../connection.js';
import type { AuditEntry } from '../../../../shared/domain/types.js';

export function auditQueries(db: Db) {
  const insert = db.prepare('INSERT INTO audit_log (at, action, subject, detail_json) VALUES (?, ?, ?, ?)');
  const recent = db.prepare<[number], { seq: number; at: number; action: string; subject: string; detail_json: string }>(
    'SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?',
  );
  return {
    add(at: number, action: AuditEntry['action'], subject: string, detail: Record<string, unknown> = {}): void {
      insert.run(at, action, subject, JSON.stringify(detail));
    },
    recent: (limit: number): AuditEntry[] =>
      recent.all(limit).map((r) => ({ seq: r.seq, at: r.at, action: r.action as AuditEntry['action'], subject: r.subject, detail: JSON.parse(r.detail_json) as Record<string, unknown> })),
  };
}
