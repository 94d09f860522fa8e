// The store: every query module over one connection, plus the transaction helper callers use to group a
// local change with its outbox op.
import type { Db } from './connection.js';
import { accountQueries } from './queries/accounts.js';
import { appSettingQueries } from './queries/app-settings.js';
import { auditQueries } from './queries/audit.js';
import { autoReplyQueries } from './queries/auto-replies.js';
import { blockedSenderQueries } from './queries/blocked-senders.js';
import { cannedResponseQueries } from './queries/canned-responses.js';
import { conversationQueries } from './queries/conversations.js';
import { conversationMergeQueries } from './queries/conversation-merges.js';
import { customerQueries } from './queries/customers.js';
import { cursorQueries } from './queries/cursors.js';
import { draftQueries } from './queries/drafts.js';
import { translationMemoryQueries } from './queries/translation-memory.js';
import { folderQueries } from './queries/folders.js';
import { messageQueries } from './queries/messages.js';
import { noteQueries } from './queries/notes.js';
import { outboxQueries } from './queries/outbox.js';
import { providerGlossaryQueries } from './queries/provider-glossaries.js';
import { rawSourceQueries } from './queries/raw-sources.js';
import { reportQueries } from './queries/reports.js';
import { threadIdQueries } from './queries/thread-ids.js';
import { viewFacetQueries } from './queries/view-facets.js';

export function createStore(db: Db) {
  const appSettings = appSettingQueries(db);
  const autoReplies = autoReplyQueries(db);
  const messages = messageQueries(db);
  // Made once: better-sqlite3 builds four wrapped functions per db.transaction() call, and a sync opens a
  // savepoint per message.
  const nested = db.transaction((fn: () => unknown) => fn());
  const outermost = db.transaction((fn: () => unknown) => {
    messages.holdSearchIndex();
    let done = false;
    try {
      const result = fn();
      messages.writeHeldSearchIndex();
      done = true;
      return result;
    } finally {
      if (!done) messages.writeHeldSearchIndex(true);
    }
  });
  return {
    db,
    accounts: accountQueries(db),
    appSettings,
    audit: auditQueries(db),
    autoReplies,
    blockedSenders: blockedSenderQueries(db),
    cannedResponses: cannedResponseQueries(db),
    conversations: conversationQueries(db, { minutes: () => appSettings.get().firstResponseMinutes, hours: (id) => autoReplies.hoursOrDefault(id) }),
    customers: customerQueries(db),
    conversationMerges: conversationMergeQueries(db),
    cursors: cursorQueries(db),
    drafts: draftQueries(db),
    translationMemory: translationMemoryQueries(db),
    folders: folderQueries(db),
    messages,
    notes: noteQueries(db),
    outbox: outboxQueries(db),
    providerGlossaries: providerGlossaryQueries(db),
    rawSources: rawSourceQueries(db),
    reports: reportQueries(db),
    threadIds: threadIdQueries(db),
    viewFacets: viewFacetQueries(db),
    /**
     * Runs `fn` in a transaction (a savepoint when one is open). The full-text index is written once, at the end
     * of the outermost one, for every message it stored or changed.
     */
    transaction<T>(fn: () => T): T {
      return (db.inTransaction ? nested : outermost)(fn) as T;
    },
  };
}

export type Store = ReturnType<typeof createStore>;
