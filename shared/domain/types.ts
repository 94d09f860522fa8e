// Domain types shared by the core and the renderer. Plain data only: these cross the IPC/HTTP boundary.
import { z } from 'zod';

export const ChannelKindSchema = z.enum(['email', 'demo', 'telegram', 'ebay', 'mercadolibre', 'messenger', 'instagram']);
export type ChannelKind = z.infer<typeof ChannelKindSchema>;

export const TlsModeSchema = z.enum(['off', 'starttls', 'tls']);
export type TlsMode = z.infer<typeof TlsModeSchema>;

export const ServerEndpointSchema = z.object({
  host: z.string().trim().min(1),
  port: z.number().int().min(1).max(65535),
  tls: TlsModeSchema,
});
export type ServerEndpoint = z.infer<typeof ServerEndpointSchema>;

/**
 * An OAuth 2.0 authorization server, as a desktop (public) client uses it: authorization code with PKCE and a
 * loopback redirect (RFC 8252), refresh tokens at the token endpoint.
 */
export const OAuthProviderSchema = z.object({
  authorizationUrl: z.url(),
  tokenUrl: z.url(),
  clientId: z.string().trim().min(1),
  /** Desktop clients of some providers (Google) are issued a "secret" that is not secret; sent when given. */
  clientSecret: z.string().optional(),
  scopes: z.array(z.string().min(1)).min(1),
});
export type OAuthProvider = z.infer<typeof OAuthProviderSchema>;

/** How the app signs in to an account's servers: a password, or an OAuth sign-in done in the browser. */
export const SignInSchema = z.union([
  z.object({ kind: z.literal('password'), password: z.string().min(1) }).strict(),
  /** flowId: an OAuth sign-in started with oauth.begin; the call waits until it has finished. */
  z.object({ kind: z.literal('oauth2'), flowId: z.string().min(1) }).strict(),
]);
export type SignIn = z.infer<typeof SignInSchema>;

export const NewEmailAccountSchema = z.object({
  email: z.email(),
  displayName: z.string().trim().max(200).optional(),
  imap: ServerEndpointSchema,
  smtp: ServerEndpointSchema,
  /** ManageSieve, for rules the server runs (the auto-reply); unset: the IMAP host, port 4190, with STARTTLS. */
  sieve: ServerEndpointSchema.optional(),
  user: z.string().min(1),
  signIn: SignInSchema,
});
export type NewEmailAccount = z.infer<typeof NewEmailAccountSchema>;

/** Connection state of one account, as the user sees it. */
export type AccountState = 'idle' | 'connecting' | 'syncing' | 'online' | 'error';

export interface AccountStatus {
  accountId: string;
  state: AccountState;
  /** Stable error code for the UI to translate (see ErrorCode), when state is 'error'. */
  errorCode?: ErrorCode;
  /** Server or system text, shown under the translated message. */
  errorDetail?: string;
  /** Epoch ms of the next automatic retry, when one is scheduled. */
  retryAt?: number;
}

export interface Account {
  id: string;
  channel: ChannelKind;
  name: string;
  address: string;
  /** How the app signs in to the account's servers (email accounts), for "sign in again". */
  signIn?: 'password' | 'oauth2';
  /** Messenger and Instagram: the Page may answer with the human-agent tag (up to 7 days after the customer wrote). */
  humanAgent?: boolean;
  createdAt: number;
  status: AccountStatus;
}

/** How soon a conversation needs an answer: from its customer's messages, or as the agent set it. */
export const UrgencySchema = z.enum(['urgent', 'normal', 'low']);
export type Urgency = z.infer<typeof UrgencySchema>;

export interface ConversationSummary {
  id: string;
  accountId: string;
  channel: ChannelKind;
  subject: string;
  customerName: string;
  customerAddress: string;
  lastMessageAt: number;
  snippet: string;
  unreadCount: number;
  messageCount: number;
  status: ConversationStatus;
  tags: string[];
  flagged: boolean;
  /** The customer's latest message has been answered: a reply here, or \Answered set by any mail client. */
  answered: boolean;
  mailbox: Mailbox;
  /** Epoch ms until which the conversation is hidden from the inbox. */
  snoozedUntil: number | null;
  /** The customer's language (BCP 47 base tag, e.g. "es"): detected from their messages, or set by the agent. */
  language: string | null;
  /** The agent chose the language; detection no longer changes it. */
  languageSetByAgent: boolean;
  /** Set when the conversation came through a marketplace's relay or notification mail. */
  marketplace: MarketplaceInfo | null;
  urgency: Urgency;
  /** The agent set the urgency (it no longer follows the customer's messages). */
  urgencySetByAgent: boolean;
  /** Open and waiting for a reply: since the customer's oldest message nobody has answered (null: not waiting). */
  waitingSince: number | null;
  /**
   * When the first-response target runs out for that message, counted in the account's business hours
   * (null: not waiting, or the hours never open).
   */
  replyDueAt: number | null;
  /** The agent has unsent text here. */
  hasDraft: boolean;
  /** The agent handling it (null: nobody yet). */
  assignee: string | null;
}

export type DraftMode = 'reply' | 'note';

/** The agent's unsent reply or note in a conversation, kept as they type. */
export interface Draft {
  text: string;
  mode: DraftMode;
  updatedAt: number;
}

export interface MarketplaceInfo {
  /** amazon, ebay, etsy, aliexpress ... */
  id: string;
  name: string;
  orderId: string | null;
  /** The country of the marketplace site the buyer bought on (ISO 3166 code; Mercado Libre's MLB is BR). */
  country?: string;
  /** The listing the conversation is about (eBay: the item id), when the marketplace says. */
  itemId?: string | null;
  /** The marketplace has closed the conversation to messages (Mercado Libre: blocked_by_buyer ...), and why. */
  blocked?: { code: string; reason: string } | null;
  /** 'marketplace': e-mail replies do not reach the buyer; answer at replyUrl. */
  replyBy: 'email' | 'marketplace';
  replyUrl: string | null;
  /** The marketplace accepts replies only from the seller's registered address. */
  registeredSenderOnly: boolean;
  /** The address the marketplace relayed the buyer's mail to. */
  relayedTo: string | null;
}

/** A canned response: one text per language, with {{variables}} (see shared/templates/render.ts). */
export interface CannedResponse {
  id: string;
  name: string;
  /** The folder it is filed in ('' for none), e.g. "Shipping" or "Returns". */
  folder: string;
  variants: Record<string, string>;
  /** Languages whose variant the app machine-translated and nobody has read over yet. */
  review: string[];
  /** How many times it was inserted into a reply, and when last. */
  useCount: number;
  lastUsedAt: number | null;
  updatedAt: number;
}

const LanguageTagSchema = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en, es or zh-CN');

export const CannedResponseInputSchema = z.object({
  id: z.string().min(1).optional(),
  name: z.string().trim().min(1).max(120),
  folder: z.string().trim().max(80).default(''),
  variants: z
    .record(LanguageTagSchema, z.string().max(20_000))
    .refine((v) => Object.values(v).some((t) => t.trim() !== ''), 'at least one language needs text'),
  /** Machine-translated variants still to be read over; absent: the ones marked before stay marked. */
  review: z.array(LanguageTagSchema).max(50).optional(),
});

/** Where a conversation is filed: the inbox, the archive (also any folder the agent files it into), trash, or spam. */
export const MailboxSchema = z.enum(['inbox', 'archive', 'trash', 'spam']);
export type Mailbox = z.infer<typeof MailboxSchema>;

export interface FolderInfo {
  path: string;
  /** inbox, sent, archive, trash, or other (the user's own folders). */
  role: string;
  messages: number;
}

/** An internal note: seen by the team, never sent to the customer. */
export interface Note {
  id: string;
  conversationId: string;
  text: string;
  createdAt: number;
}

export const ConversationStatusSchema = z.enum(['open', 'closed']);
export type ConversationStatus = z.infer<typeof ConversationStatusSchema>;

/** A tag as agents type it: trimmed, no control characters, at most 40 characters. */
export const TagSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^\u0000-\u001f,]+$/, 'a tag cannot contain commas or control characters');

export type Direction = 'in' | 'out';
export type SendState = 'queued' | 'sending' | 'sent' | 'failed';

export interface Participant {
  name: string;
  address: string;
}

export interface AttachmentInfo {
  id: string;
  filename: string;
  contentType: string;
  /** Bytes (estimated from the encoded size until downloaded). */
  size: number;
  /** False while it is only on the server (above the automatic download limit); it downloads when opened. */
  downloaded: boolean;
}

export interface Message {
  id: string;
  conversationId: string;
  direction: Direction;
  from: Participant;
  to: Participant[];
  cc: Participant[];
  /** Outgoing e-mail: blind copies (not in the message's headers). */
  bcc: Participant[];
  date: number;
  subject: string;
  text: string;
  /** True when the text was derived from an HTML body (there was no plain-text part). */
  fromHtml: boolean;
  /** The message has an HTML body (messages.html), shown as formatted by default. */
  hasHtml: boolean;
  isRead: boolean;
  isFlagged: boolean;
  /** Only for messages written here: where the outgoing copy is in its journey. */
  sendState?: SendState;
  sendError?: string;
  /** The outbox operation still carrying this message, while it is not sent (for retry or discard). */
  outboxId?: string;
  /** A reply sent translated: what the agent wrote, in their language (text is what the customer got). */
  original?: { text: string; language: string };
  /** Sent by the app by itself: an out-of-hours acknowledgement, a satisfaction survey. */
  autoKind?: 'auto-reply' | 'csat';
  /** Listed from its headers alone (the newest mail of a first sync): its text and attachments are on their way. */
  bodyPending?: boolean;
  attachments: AttachmentInfo[];
}

/** A canned response made ready for one conversation: its variables filled, in the right languages. */
export interface CannedInsert {
  name: string;
  /** For the reply box: in the agent's language when the reply will be translated, else the customer's. */
  draft: { language: string; text: string };
  /**
   * When the reply will be translated: the text the customer gets, from the variant written in their language
   * or machine-translated from another (`machine`, and marked on the response for review). null when there is
   * none yet (a preview, or the provider could not be reached: the draft is translated as usual).
   */
  customer: { language: string; text: string; machine: boolean } | null;
  /** The customer's language has no variant of its own. */
  customerVariantMissing: boolean;
  /** Variables this conversation has no value for; they stay visible as {{name}} in the text. */
  missing: string[];
  /** Why a missing variant could not be machine-translated. */
  notice?: string;
}

/** What importing a file of canned responses did; rows counted from 1 (CSV: the header is row 1). */
export interface CannedImportResult {
  added: number;
  updated: number;
  skipped: Array<{ row: number; reason: string }>;
}

export const CannedTransferFormatSchema = z.enum(['json', 'csv']);

export const CannedUseSchema = z.object({
  id: z.string().min(1),
  conversationId: z.string().min(1),
  /** The reply will be translated into the customer's language (the agent writes in their own). */
  translate: z.boolean().default(false),
  /** false: a preview (nothing counted, nothing machine-translated). */
  use: z.boolean().default(true),
});

/** A conversation read in another language: each message, and its translation where it needs one. */
export interface ConversationTranslation {
  /** The language everything was translated into. */
  target: string;
  messages: Array<{
    id: string;
    /** The message's language, as detected (null when unknown). */
    language: string | null;
    text: string;
    translation: { language: string; text: string; provider: string } | null;
    /** queued: the provider cannot be reached now (try again later); failed: it refused (see error). */
    state: 'done' | 'queued' | 'failed';
    error?: string;
  }>;
}

export interface ConversationDetail {
  conversation: ConversationSummary;
  messages: Message[];
  notes: Note[];
  /** The customer's answer to the satisfaction survey, once they gave one. */
  csat?: { score: number; at: number } | null;
  /** The sender is blocked on this account: their messages go to Spam. */
  senderBlocked?: boolean;
  /** The customer's clock, when it can be known. */
  customerClock?: CustomerClock | null;
  /** The newest conversation merged into this one, while the merge can be undone. */
  lastMerge?: { id: string; subject: string } | null;
}

/**
 * The customer's local time: a time zone (set by the agent, or of the country their address or mail says), or
 * else a fixed offset from UTC their own mail program wrote.
 */
export interface CustomerClock {
  /** IANA time zone (follows summer time), or null for a fixed offset. */
  timeZone: string | null;
  /** Minutes east of UTC (now, for a time zone). */
  offsetMinutes: number;
  /**
   * Where it comes from: set by the agent, their mail's Date header, their address's country, or the country of the
   * marketplace site they bought on.
   */
  source: 'agent' | 'mail' | 'country' | 'site';
  /** ISO 3166 country of their address's domain (.de → DE), else of their marketplace site, when known. */
  country: string | null;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxOp {
  id: string;
  kind: string;
  accountId: string;
  conversationId: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
}

export interface SyncProgress {
  accountId: string;
  folder: string;
  done: number;
  total: number;
  /** True once the pass over all folders has finished. */
  finished: boolean;
}

/** Error codes the core returns; the renderer translates each one (errors.<code>). */
export const ErrorCodeSchema = z.enum([
  'INVALID_INPUT',
  'NOT_FOUND',
  'AUTH_FAILED',
  /** An OAuth sign-in that expired or was revoked: the user signs in again. */
  'AUTH_EXPIRED',
  /** The user stopped, or did not finish, an OAuth sign-in in the browser. */
  'SIGN_IN_CANCELLED',
  /** No room left on the disk for mail, attachments or the database. */
  'DISK_FULL',
  'UNREACHABLE',
  'TLS_FAILED',
  'TIMEOUT',
  'TEMPORARY',
  'DUPLICATE_ACCOUNT',
  'SEND_REJECTED',
  'REPLY_ON_MARKETPLACE',
  /** The provider asks us to slow down; the work is retried when it says. */
  'RATE_LIMITED',
  /** Another program receives this channel's messages (a Telegram webhook, or a second poller). */
  'CHANNEL_CONFLICT',
  /** The server does not offer what was asked (e.g. no ManageSieve for server-side rules). */
  'UNSUPPORTED',
  'UNAUTHORIZED',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export interface ApiError {
  code: ErrorCode;
  message: string;
}

/** Every result crosses the boundary as this envelope, never as a thrown object. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** One line of the audit log: what was done with buyers' data or with an account, and when. */
export interface AuditEntry {
  seq: number;
  at: number;
  action: 'account.added' | 'account.removed' | 'customer.exported' | 'customer.erased' | 'retention.deleted';
  /** The account address or customer address concerned. */
  subject: string;
  detail: Record<string, unknown>;
}

/** Everything kept about one customer, as an archive written under the profile. */
export interface CustomerExport {
  file: string;
  conversations: number;
  messages: number;
  attachments: number;
}

export interface CustomerErasure {
  conversations: number;
  messages: number;
  /** Messages queued for deletion on the mail server (0 unless asked). */
  serverDeletions: number;
}

/** One way to reach a customer: an e-mail address, a Telegram user (`telegram:<id>`), an eBay user (`ebay:<user>`). */
export interface CustomerIdentity {
  channel: ChannelKind;
  address: string;
  name: string;
  accountId: string;
}

/** A customer with every identity and every conversation on every channel. */
/** An order a customer's conversations are about, and where it was mentioned. */
export interface CustomerOrder {
  orderId: string;
  /** The marketplace it belongs to (null when its numbering is not one of a known marketplace). */
  marketplace: { id: string; name: string } | null;
  conversationId: string;
}

export interface CustomerProfile {
  id: string;
  name: string;
  identities: CustomerIdentity[];
  conversations: ConversationSummary[];
  /** Orders from their marketplace conversations and order numbers in what they wrote, newest first. */
  orders: CustomerOrder[];
  /** What the team wrote about them ('' for nothing), shown beside each of their conversations. */
  note: string;
  /** The newest merge into this customer that can still be undone. */
  lastMerge: { id: string; fromName: string } | null;
}

/** A customer found by name or address, to merge with. */
export interface CustomerMatch {
  id: string;
  name: string;
  identities: CustomerIdentity[];
}

/** What the sidebar's views are made of: tags in use, the recent customers' languages and marketplaces. */
export interface ViewFacets {
  tags: string[];
  languages: string[];
  marketplaces: Array<{ id: string; name: string }>;
}
