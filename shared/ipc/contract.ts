// The one API contract between the renderer and the core. Every call has an input schema (validated by the
// core's router before a handler runs) and an output type; every pushed event has a payload type. The Electron
// preload, the web host and the CLI all serve exactly this contract.
import { z } from 'zod';
import { AppSettingsChangeSchema, type AppSettings } from '../domain/settings.js';
import type { EmailPreset } from '../domain/email-presets.js';
import { AutoReplyInputSchema, type AutoReplyState } from '../domain/auto-reply.js';
import { ReportQuerySchema, type Report } from '../domain/report.js';
import type { NewMessageNotice } from '../domain/notifications.js';
import { isTimeZone } from '../domain/business-hours.js';
import {
  CannedResponseInputSchema,
  CannedTransferFormatSchema,
  CannedUseSchema,
  type CannedImportResult,
  type CannedInsert,
  type CannedResponse,
  type ConversationTranslation,
  ConversationStatusSchema,
  MailboxSchema,
  NewEmailAccountSchema,
  OAuthProviderSchema,
  SignInSchema,
  TagSchema,
  UrgencySchema,
  type Urgency,
  type Account,
  type AccountStatus,
  type AttachmentInfo,
  type AuditEntry,
  type CustomerErasure,
  type CustomerExport,
  type CustomerMatch,
  type CustomerProfile,
  type ConversationDetail,
  type ConversationSummary,
  type Draft,
  type CustomerClock,
  type ViewFacets,
  type FolderInfo,
  type Mailbox,
  type OutboxOp,
  type Result,
  type SyncProgress,
} from '../domain/types.js';

/** Declares a call: its input schema, and (as a phantom type) its output. */
function call<I extends z.ZodType>(input: I) {
  return <O>() => ({ input, output: undefined as unknown as O });
}

const Empty = z.object({}).strict();

/** Files from the agent's disk sent with an e-mail, base64 (25 MB in all at most, as most mail servers take). */
const OutgoingFilesSchema = z
  .array(z.object({ fileName: z.string().trim().min(1).max(255), contentType: z.string().max(200), dataBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64') }).strict())
  .max(20)
  .refine((files) => files.reduce((n, f) => n + (f.dataBase64.length * 3) / 4, 0) <= 25 * 1024 * 1024, 'Files of at most 25 MB in all can go with one e-mail.');
const AddressesSchema = z.array(z.string().trim().email('an e-mail address')).max(50);
const ById = z.object({ id: z.string().min(1) }).strict();
const ByCustomer = z.object({ address: z.string().trim().min(1).max(320) }).strict();

export const calls = {
  'app.info': call(Empty)<{
    version: string;
    hasAccounts: boolean;
    demo: boolean;
    outbox: { pending: number; failed: number };
    /** The app's OAuth client per provider preset id, where the distributor registered one. */
    oauthClients: Partial<Record<EmailPreset['id'], { clientId: string; clientSecret?: string }>>;
  }>(),
  'accounts.list': call(Empty)<Account[]>(),
  'accounts.addEmail': call(NewEmailAccountSchema)<Account>(),
  'accounts.remove': call(ById)<{ removed: boolean }>(),
  /**
   * Connects a Telegram bot (created with @BotFather): the token is checked with Telegram before anything is
   * saved. apiUrl only for a self-hosted Bot API server.
   */
  'accounts.addTelegram': call(
    z.object({ token: z.string().trim().min(1).max(200), apiUrl: z.string().url().optional() }).strict(),
  )<Account>(),
  /**
   * Connects an eBay seller account through the Message API: the developer app's client ID and secret and a
   * refresh token for the seller (a user token made for the app on developer.ebay.com), checked with eBay
   * before anything is saved. apiUrl reaches the sandbox or a test server.
   */
  'accounts.addEbay': call(
    z
      .object({
        username: z.string().trim().min(1).max(64),
        clientId: z.string().trim().min(1).max(200),
        clientSecret: z.string().trim().min(1).max(200),
        refreshToken: z.string().trim().min(1).max(4000),
        apiUrl: z.string().url().optional(),
      })
      .strict(),
  )<Account>(),
  /**
   * Connects a Mercado Libre seller account (post-sale messages): the developer app's client ID and secret and
   * a refresh token from authorizing the app for the seller. The token is exchanged at once (Mercado Libre's
   * refresh tokens are single-use) and the new pair kept.
   */
  'accounts.addMercadoLibre': call(
    z
      .object({
        clientId: z.string().trim().min(1).max(200),
        clientSecret: z.string().trim().min(1).max(200),
        refreshToken: z.string().trim().min(1).max(4000),
        apiUrl: z.string().url().optional(),
      })
      .strict(),
  )<Account>(),
  /**
   * Connects a Facebook Page's Messenger inbox, or the Instagram professional account linked to it, with a Page
   * access token (checked with Meta first). humanAgent: the Page may answer with the HUMAN_AGENT tag (7 days).
   */
  'accounts.addMetaPage': call(
    z
      .object({
        platform: z.enum(['messenger', 'instagram']),
        pageToken: z.string().trim().min(1).max(1000),
        humanAgent: z.boolean().optional(),
        apiUrl: z.string().url().optional(),
      })
      .strict(),
  )<Account>(),
  /** A new password, or a new OAuth sign-in, for an account whose sign-in was rejected or has expired. */
  'accounts.updateSignIn': call(z.object({ id: z.string().min(1), signIn: SignInSchema }).strict())<Account>(),
  /**
   * Starts an OAuth sign-in: the renderer opens authorizationUrl in the system browser, then passes flowId to
   * accounts.addEmail or accounts.updateSignIn, which wait until the browser comes back.
   */
  'oauth.begin': call(
    z
      .object({
        /** A new account's sign-in server; or accountId, to sign an existing OAuth account in again. */
        provider: OAuthProviderSchema.optional(),
        accountId: z.string().min(1).optional(),
        loginHint: z.string().optional(),
      })
      .strict()
      .refine((v) => !!v.provider !== !!v.accountId, 'Give either provider or accountId.'),
  )<{
    flowId: string;
    authorizationUrl: string;
  }>(),
  'oauth.cancel': call(z.object({ flowId: z.string().min(1) }).strict())<{ cancelled: boolean }>(),
  /** The account's synced folders (the folder tree, by path), with how many messages each holds here. */
  'accounts.folders': call(ById)<FolderInfo[]>(),
  'sync.now': call(z.object({ accountId: z.string().optional() }).strict())<{ started: number }>(),
  /** The inbox by default (snoozed conversations hidden until they wake), or the archive or trash. */
  'conversations.list': call(
    z
      .object({
        accountId: z.string().optional(),
        mailbox: MailboxSchema.optional(),
        /** Only conversations with mail in this server folder of the account (overrides mailbox). */
        folder: z.string().min(1).optional(),
        limit: z.number().int().min(1).max(5000).optional(),
        /** Only conversations whose last message is older than this (epoch ms): the next page. */
        before: z.number().int().min(0).optional(),
        /** With before: the last conversation of the earlier page, so conversations of the same instant are not skipped. */
        beforeId: z.string().min(1).optional(),
      })
      .strict(),
  )<ConversationSummary[]>(),
  /** The list rows of these conversations (those that still exist), to refresh a list after conversations.changed. */
  'conversations.summaries': call(z.object({ ids: z.array(z.string().min(1)).max(500) }).strict())<ConversationSummary[]>(),
  'conversations.get': call(ById)<ConversationDetail>(),
  /**
   * Moves another conversation of the same account (the customer's other thread) into this one: its messages,
   * notes, tags and thread ids. Local organisation only; undone with conversations.unmerge.
   */
  'conversations.merge': call(z.object({ intoId: z.string().min(1), fromId: z.string().min(1) }).strict())<{ mergeId: string }>(),
  'conversations.unmerge': call(z.object({ mergeId: z.string().min(1) }).strict())<{ intoId: string; fromId: string }>(),
  /** Moves one message into a new conversation of its own (threading put it in the wrong one). */
  'messages.split': call(ById)<{ conversationId: string }>(),
  /** Assigns the conversation to this app's agent (mine) or to nobody (the Mine and Unassigned views). */
  'conversations.assign': call(z.object({ id: z.string().min(1), mine: z.boolean() }).strict())<{ assignee: string | null }>(),
  /** The agent's unsent text in a conversation (null: none). */
  'drafts.get': call(z.object({ conversationId: z.string().min(1) }).strict())<Draft | null>(),
  /** Keeps the unsent text as the agent types (blank text removes it); a sent reply or note removes it too. */
  'drafts.save': call(
    z.object({ conversationId: z.string().min(1), text: z.string().max(100_000), mode: z.enum(['reply', 'note']) }).strict(),
  )<{ saved: boolean }>(),
  'conversations.markRead': call(z.object({ id: z.string().min(1), read: z.boolean() }).strict())<{
    changed: number;
  }>(),
  'conversations.setFlagged': call(z.object({ id: z.string().min(1), flagged: z.boolean() }).strict())<{ changed: number }>(),
  /** Replaces the conversation's tags (absolute, so replays are harmless). */
  'conversations.setTags': call(z.object({ id: z.string().min(1), tags: z.array(TagSchema).max(20) }).strict())<{ tags: string[] }>(),
  /** The agent sets how urgent a conversation is (null: follow its customer's messages again). */
  'conversations.setUrgency': call(z.object({ id: z.string().min(1), urgency: UrgencySchema.nullable() }).strict())<{ urgency: Urgency; setByAgent: boolean }>(),
  /** Blocks the conversation's sender on its account: their conversations and every later message go to Spam. */
  'senders.block': call(z.object({ conversationId: z.string().min(1) }).strict())<{ address: string; moved: string[] }>(),
  /** Unblocks the conversation's sender: their conversations come back from Spam to the inbox. */
  'senders.unblock': call(z.object({ conversationId: z.string().min(1) }).strict())<{ address: string; moved: string[] }>(),
  'conversations.setStatus': call(z.object({ id: z.string().min(1), status: ConversationStatusSchema }).strict())<{
    status: 'open' | 'closed';
  }>(),
  /**
   * Files the conversation: archive, trash (delete), spam (the server's Junk folder) or back to the inbox; or
   * into one of the account's folders (it leaves the inbox, like archiving). The server's folders follow.
   */
  'conversations.move': call(
    z
      .object({ id: z.string().min(1), to: MailboxSchema.optional(), folder: z.string().min(1).optional() })
      .strict()
      .refine((v) => !!v.to !== !!v.folder, 'Give either to or folder.'),
  )<{ mailbox: Mailbox }>(),
  /** Hides the conversation until the given time (epoch ms); null wakes it now. */
  'conversations.snooze': call(z.object({ id: z.string().min(1), until: z.number().int().positive().nullable() }).strict())<{
    snoozedUntil: number | null;
  }>(),
  /** A message's raw source as the server sent it (decoded as UTF-8, invalid bytes replaced). */
  'messages.source': call(ById)<{ source: string; bytes: number }>(),
  /**
   * A message's HTML body as sent, its inline (cid:) images as data: URLs; null for plain-text mail. Not
   * sanitized: the renderer sanitizes it and shows it in a sandboxed frame.
   */
  'messages.html': call(ById)<{ html: string | null }>(),
  'notes.add': call(z.object({ conversationId: z.string().min(1), text: z.string().trim().min(1).max(20_000) }).strict())<{ id: string }>(),
  'messages.reply': call(
    z
      .object({
        conversationId: z.string().min(1),
        text: z.string().trim().min(1).max(100_000),
        /** text is in the agent's language: translated into the customer's on its way out (offline too). */
        translate: z.boolean().optional(),
        /** When text is a translation: what the agent wrote, in their language (kept on the message). */
        original: z.object({ text: z.string().trim().min(1).max(100_000), language: z.string().regex(/^[a-z]{2,3}$/) }).strict().optional(),
        /** The caller offers Undo: the reply is held for the undo-send seconds of the settings first. */
        undoable: z.boolean().optional(),
        /** E-mail: also to everyone else the customer's message went to. */
        replyAll: z.boolean().optional(),
        /** E-mail: copies and blind copies, by address. */
        cc: AddressesSchema.optional(),
        bcc: AddressesSchema.optional(),
        /** E-mail: files from the agent's disk. */
        attachments: OutgoingFilesSchema.optional(),
      })
      .strict(),
  )<{
    messageId: string;
    outboxId: string;
    /** Until then the reply waits, and `outbox.discard` with its outboxId takes it back (null: no undo). */
    undoUntil: number | null;
  }>(),
  /**
   * Forwards a message (with its files) to someone else by e-mail, under the agent's note: a conversation of its own
   * with them; the customer's is not answered by it. filesLeftOut: large files still on the server, not sent.
   */
  'messages.forward': call(
    z
      .object({
        messageId: z.string().min(1),
        to: z.string().trim().email('an e-mail address'),
        note: z.string().max(100_000),
        cc: AddressesSchema.optional(),
        bcc: AddressesSchema.optional(),
      })
      .strict(),
  )<{ conversationId: string; messageId: string; outboxId: string; filesLeftOut: number }>(),
  /** A new e-mail to a customer (not an answer): a conversation of its own, which their answer joins. */
  'messages.compose': call(
    z
      .object({
        accountId: z.string().min(1),
        to: z.string().trim().email('an e-mail address'),
        toName: z.string().trim().max(200).optional(),
        subject: z.string().trim().min(1, 'a subject').max(998),
        text: z.string().trim().min(1).max(100_000),
        cc: AddressesSchema.optional(),
        bcc: AddressesSchema.optional(),
        attachments: OutgoingFilesSchema.optional(),
        undoable: z.boolean().optional(),
      })
      .strict(),
  )<{ conversationId: string; messageId: string; outboxId: string; undoUntil: number | null }>(),
  /**
   * Conversations of every channel matching words and operators (from:, channel:, marketplace:, tag:, status:,
   * lang:, is:unread, has:attachment, before:, after:), best matches first.
   */
  'search.conversations': call(z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(500).optional() }).strict())<ConversationSummary[]>(),
  /** How many conversations a search finds, up to `cap` (more: there are others), for a view's count. */
  /** The tags in use and the recent customers' languages and marketplaces, for the sidebar's views. */
  'views.facets': call(Empty)<ViewFacets>(),
  'search.count': call(z.object({ query: z.string().max(500), cap: z.number().int().min(1).max(10_000).optional() }).strict())<{ count: number; more: boolean }>(),
  /** The customer's language as the agent knows it (it then stays); null: detect it again from their messages. */
  'conversations.setLanguage': call(z.object({ id: z.string().min(1), language: z.string().regex(/^[a-z]{2,3}$/).nullable() }).strict())<{ language: string | null }>(),
  /** A reply waiting for translation (or whose translation failed) goes out as the agent wrote it. */
  'messages.sendOriginal': call(z.object({ messageId: z.string().min(1) }).strict())<{ outboxId: string }>(),
  /**
   * Chooses the translation provider (null: none) and the agent's language. A new key is checked with the
   * provider before anything is saved, and kept in the secret store; without `key` the saved one stays.
   */
  'translation.configure': call(
    z
      .object({
        provider: z.enum(['deepl', 'google', 'libretranslate', 'openai']).nullable(),
        apiUrl: z.string().url().nullable().optional(),
        model: z.string().trim().min(1).max(200).nullable().optional(),
        key: z.string().trim().min(1).max(500).optional(),
        agentLanguage: z.string().regex(/^[a-z]{2,3}$/).optional(),
        autoAccounts: z.array(z.string().min(1)).max(200).optional(),
        glossary: z
          .array(z.object({ term: z.string().trim().min(1).max(100), fixed: z.record(z.string().regex(/^[a-z]{2,3}$/), z.string().trim().min(1).max(100)).optional() }).strict())
          .max(500)
          .optional(),
      })
      .strict(),
  )<AppSettings['translation'] & { hasKey: boolean }>(),
  /** A conversation's customer messages in the agent's language (or `to`), through the translation memory. */
  'translation.conversation': call(z.object({ conversationId: z.string().min(1), to: z.string().regex(/^[a-z]{2,3}$/).optional() }).strict())<ConversationTranslation>(),
  /** The agent's draft in the customer's language, to check and edit before sending. */
  'translation.draft': call(z.object({ conversationId: z.string().min(1), text: z.string().trim().min(1).max(100_000) }).strict())<{
    text: string;
    language: string;
    provider: string;
  }>(),
  /** Fetches an attachment the download limit left on the server (no-op when it is already here). */
  'attachments.download': call(ById)<AttachmentInfo>(),
  /**
   * Opens the attachment with the system's default app (downloading it first); where that is not possible,
   * says where the file is. Programs and scripts are never opened (blocked: true), only saved.
   */
  'attachments.open': call(ById)<{ opened: boolean; path: string; blocked?: boolean }>(),
  'settings.get': call(Empty)<AppSettings>(),
  'settings.set': call(AppSettingsChangeSchema)<AppSettings>(),
  'outbox.list': call(Empty)<OutboxOp[]>(),
  /** Tries a failed operation again (e.g. after fixing the recipient or the account). */
  'outbox.retry': call(ById)<{ retried: boolean }>(),
  /** Drops a pending or failed operation; a reply that was never sent is removed from its thread. */
  'outbox.discard': call(ById)<{ discarded: boolean }>(),
  'demo.open': call(Empty)<{ conversations: number }>(),
  'canned.list': call(Empty)<CannedResponse[]>(),
  /** Creates (no id) or replaces a canned response. */
  'canned.save': call(CannedResponseInputSchema)<CannedResponse>(),
  'canned.delete': call(ById)<{ deleted: boolean }>(),
  /**
   * A canned response ready for a conversation's reply: variables filled, in the customer's language (a missing
   * variant machine-translated and marked for review). Counts a use unless `use` is false (a preview).
   */
  'canned.use': call(CannedUseSchema.strict())<CannedInsert>(),
  /** Every canned response as a file's text (JSON, or CSV with a column per language). */
  'canned.export': call(z.object({ format: CannedTransferFormatSchema }).strict())<{ text: string; fileName: string }>(),
  /** Adds or updates canned responses from a file's text; matched by folder and name. */
  'canned.import': call(z.object({ format: CannedTransferFormatSchema, text: z.string().max(5_000_000) }).strict())<CannedImportResult>(),
  /** Adds the starter responses (where is my order, return, refund, customs, delay, review) in en, zh, es, de, fr, ja; names already used are skipped. */
  'canned.addStarterSet': call(Empty)<{ added: number }>(),
  /** An account's business hours and out-of-hours auto-reply, and where it runs (the mail server, or this app). */
  'autoReply.get': call(z.object({ accountId: z.string().min(1) }).strict())<AutoReplyState>(),
  /**
   * Saves them. For e-mail the rule is queued to be installed on the mail server as a Sieve script (so it
   * answers while the app is closed); where the server keeps no rules, this app answers while it runs.
   */
  'autoReply.set': call(AutoReplyInputSchema.strict())<AutoReplyState>(),
  /**
   * The reports over a date range: volume, first-response and resolution times (business hours only),
   * first-contact resolution, satisfaction, automatic messages, and what customers write about.
   */
  'reports.get': call(ReportQuerySchema)<Report>(),
  /** Everything kept about one customer, as an archive under the profile (GDPR access, CCPA know). */
  'customers.export': call(ByCustomer)<CustomerExport>(),
  /**
   * Removes everything kept about one customer from this computer; with onServer, their e-mail is also deleted
   * from the mail server (through the outbox). Cannot be undone.
   */
  'customers.erase': call(ByCustomer.extend({ onServer: z.boolean() }).strict())<CustomerErasure>(),
  /** The customer of a conversation: their identities on every channel and all their conversations. */
  /** The customer's time zone, set by the agent (null: guess it again from their mail and address). */
  'customers.setTimeZone': call(
    z.object({ conversationId: z.string().min(1), timeZone: z.string().min(1).max(64).refine(isTimeZone, 'a time zone such as Europe/Berlin').nullable() }).strict(),
  )<{ clock: CustomerClock | null }>(),
  'customers.profile': call(z.object({ conversationId: z.string().min(1) }).strict())<CustomerProfile>(),
  /** What the team knows about the customer (sizes, preferences, past trouble); '' removes it. */
  'customers.setNote': call(z.object({ customerId: z.string().min(1), note: z.string().max(10_000) }).strict())<{ note: string }>(),
  /** Other customers whose name or address contains the text (to merge with). */
  'customers.search': call(z.object({ text: z.string().trim().min(1).max(200), exceptId: z.string().min(1) }).strict())<CustomerMatch[]>(),
  /** Makes one customer of two: every identity (and so every conversation) of fromId joins intoId. */
  'customers.merge': call(z.object({ intoId: z.string().min(1), fromId: z.string().min(1) }).strict())<{ mergeId: string }>(),
  /** Undoes a merge: the identities it moved go back to their own customer. */
  'customers.unmerge': call(z.object({ mergeId: z.string().min(1) }).strict())<{ undone: boolean }>(),
  /** The newest entries of the audit log (read-only: nothing can change it). */
  'audit.list': call(z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict())<AuditEntry[]>(),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
export type CallOutput<K extends CallName> = Calls[K]['output'];

/** Events the core pushes to every connected renderer. */
export interface Events {
  /**
   * Conversations whose list row or thread changed (new mail, read state, send state). `bodiesPending`: new mail
   * listed from its headers alone; its text follows in another conversations.changed.
   */
  'conversations.changed': { ids: string[]; bodiesPending?: boolean };
  'accounts.changed': { ids: string[] };
  'account.status': AccountStatus;
  'sync.progress': SyncProgress;
  /** Operations waiting for the network, and those that need the user. */
  'outbox.changed': { pending: number; failed: number };
  /** Translations that had to wait for the provider are done: ask for them again (they come from the memory). */
  'translations.ready': { conversationIds: string[] };
  /** Customers' new messages worth a desktop notification. */
  'notifications.new': { notices: NewMessageNotice[] };
}
export type EventName = keyof Events;
export const eventNames: EventName[] = ['conversations.changed', 'accounts.changed', 'account.status', 'sync.progress', 'outbox.changed', 'translations.ready', 'notifications.new'];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

/** What the renderer gets, whatever the transport (Electron IPC or HTTP/WebSocket). */
export interface InboxApi {
  invoke<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export { IPC_EVENT, IPC_INVOKE, HTTP_INVOKE_PREFIX, WS_EVENTS_PATH } from './channels.js';
