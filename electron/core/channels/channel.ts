// The interface every channel (email, each marketplace, each social network) implements, and what the core
// hands it. The core drives connectors; connectors never touch the UI or each other.
import type { AccountStatus } from '../../../shared/domain/types.js';
import type { Store } from '../db/store.js';
import type { OutboxRecord } from '../db/queries/outbox.js';
import type { CoreEvents } from '../events.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { AccountRow } from '../db/queries/accounts.js';
import type { RawSources } from '../conversations/raw-sources.js';

export interface ChannelContext {
  store: Store;
  events: CoreEvents;
  secrets: SecretStore;
  /** Folder under the profile where attachment bytes are written. */
  attachmentsDir: string;
  /** Messages' raw sources, kept under the profile. */
  rawSources: RawSources;
  now(): number;
}

/** What a connector returns when it has carried out an outbox op. */
export interface OpOutcome {
  /** The provider's id for what was created (e.g. the Message-ID the server accepted). */
  remoteRef: string | null;
  /** Further ops to enqueue in the same transaction that marks this one done. */
  followUps?: Array<{ kind: string; payload: object }>;
}

export interface ChannelConnector {
  readonly account: AccountRow;
  /** Connect, catch up and keep watching for new messages until stop(); reconnects by itself. */
  start(): void;
  stop(): Promise<void>;
  /** While started: reconnect now if waiting to retry, else run a sync pass. */
  wake(): void;
  /** One full pass over what this channel syncs; rejects with a CoreError when it cannot connect. */
  syncOnce(): Promise<void>;
  /**
   * Carries out one outbox op remotely. Throws PermanentError when retrying cannot help, any other error for a
   * transient failure (the runner backs off and retries).
   */
  perform(op: OutboxRecord): Promise<OpOutcome>;
  status(): AccountStatus;
  /**
   * Streams one part of a stored message from the server into `file` (an attachment left on the server by the
   * download limit); returns its size. Channels whose attachments always arrive whole leave this out.
   */
  downloadPart?(messageId: string, part: string, file: string): Promise<number>;
}
