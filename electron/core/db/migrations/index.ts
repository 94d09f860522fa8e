// The registry of schema migrations. Each migration is one numbered file; PRAGMA user_version records the
// last one applied. Migrations run in one transaction each, in order, when the database is opened.
import type Database from 'better-sqlite3';
import { migration0001 } from './0001-initial.js';
import { migration0002 } from './0002-outbox-outcome.js';
import { migration0003 } from './0003-tags-status-flags.js';
import { migration0004 } from './0004-notes-snooze-mailbox.js';
import { migration0005 } from './0005-canned-responses-language.js';
import { migration0006 } from './0006-subject-key.js';
import { migration0007 } from './0007-marketplace.js';
import { migration0008 } from './0008-folder-modseq.js';
import { migration0009 } from './0009-backfill.js';
import { migration0010 } from './0010-remote-attachments.js';
import { migration0011 } from './0011-spam-mailbox.js';
import { migration0012 } from './0012-html-bodies.js';
import { migration0013 } from './0013-server-tags.js';
import { migration0014 } from './0014-answered.js';
import { migration0015 } from './0015-audit-log.js';
import { migration0016 } from './0016-channel-cursors.js';
import { migration0017 } from './0017-customers.js';
import { migration0018 } from './0018-translations.js';
import { migration0019 } from './0019-language-override.js';
import { migration0020 } from './0020-message-search.js';
import { migration0021 } from './0021-canned-folders-usage.js';
import { migration0022 } from './0022-provider-glossaries.js';
import { migration0023 } from './0023-list-indexes.js';
import { migration0024 } from './0024-auto-replies.js';
import { migration0025 } from './0025-satisfaction-surveys.js';
import { migration0026 } from './0026-reports.js';
import { migration0027 } from './0027-urgency.js';
import { migration0028 } from './0028-conversation-summary.js';
import { migration0029 } from './0029-blocked-senders.js';
import { migration0030 } from './0030-reply-waiting.js';
import { migration0031 } from './0031-drafts.js';
import { migration0032 } from './0032-customer-clock.js';
import { migration0033 } from './0033-conversation-merges.js';
import { migration0034 } from './0034-assignee.js';
import { migration0035 } from './0035-bcc.js';
import { migration0036 } from './0036-customer-notes.js';
import { migration0037 } from './0037-search-terms.js';
import { migration0038 } from './0038-body-pending.js';
import { migration0039 } from './0039-raw-source-packs.js';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016, migration0017, migration0018, migration0019, migration0020, migration0021, migration0022, migration0023, migration0024, migration0025, migration0026, migration0027, migration0028, migration0029, migration0030, migration0031, migration0032, migration0033, migration0034, migration0035, migration0036, migration0037, migration0038, migration0039];

export const latestVersion = migrations[migrations.length - 1]!.version;

export function migrate(db: Database.Database, target = latestVersion): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latestVersion) {
    throw new Error(`This profile was written by a newer version of the app (schema ${current}, this app knows ${latestVersion}).`);
  }
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
