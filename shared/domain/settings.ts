// App-wide settings the agent can change, with their defaults.
import { z } from 'zod';
import { NotificationSettingsSchema, defaultNotificationSettings } from './notifications.js';

export const AppSettingsSchema = z.object({
  /**
   * Attachments up to this size (MB) are downloaded with their message; larger ones stay on the server until
   * opened. Messages up to 1 MB are always fetched whole.
   */
  attachmentDownloadLimitMb: z.number().int().min(1).max(1024).default(10),
  /**
   * Local copies of resolved (closed) conversations whose last message is older than this many months are
   * deleted from this computer (the mail server keeps its copy). null: never (the default).
   */
  retentionMonths: z.number().int().min(1).max(240).nullable().default(null),
  /**
   * The first-response target: a customer waiting for a reply should have one within this many minutes of the
   * account's business hours. Conversations show the time left, the "Breaching soon" view lists those due within
   * a quarter of an hour or late, and reports measure against it.
   */
  firstResponseMinutes: z.number().int().min(1).max(10_080).default(30),
  /**
   * Undo send: a reply waits this many seconds before it enters the outbox's sending, so the agent can take it
   * back (0: sent at once).
   */
  undoSendSeconds: z.number().int().min(0).max(30).default(5),
  /** Per account (by id): the signature under the agent's replies (not under automatic ones). */
  signatures: z.record(z.string().min(1), z.string().max(2000)).default({}),
  /** The agent's name, for conversations assigned to them (the Mine view); unset: this computer's user name. */
  agentName: z.string().trim().min(1).max(80).nullable().default(null),
  /** Desktop notifications for customers' new messages. */
  notifications: NotificationSettingsSchema.default(defaultNotificationSettings),
  /** Searches the agent saved as views in the sidebar, in their order. */
  savedSearches: z
    .array(z.object({ name: z.string().trim().min(1).max(60), query: z.string().trim().min(1).max(500) }))
    .max(50)
    .default([]),
  /** The shop, for canned responses' {{store.name}}, {{store.url}} and {{tracking.link}}. */
  shop: z
    .object({
      /** The shop's name; unset: the account's name. */
      name: z.string().trim().min(1).max(120).nullable().default(null),
      url: z.string().url().nullable().default(null),
      /** Where a parcel is tracked, {number} standing for its tracking number (a carrier's page, or a universal tracker). */
      trackingUrl: z
        .string()
        .max(500)
        .refine((u) => u.includes('{number}') && /^https?:\/\//.test(u), 'an http(s) address with {number} where the tracking number goes')
        .default('https://t.17track.net/en#nums={number}'),
    })
    .default({ name: null, url: null, trackingUrl: 'https://t.17track.net/en#nums={number}' }),
  /**
   * The satisfaction survey (CSAT): when the agent closes a conversation, this canned response goes to the
   * customer in their language, asking for a 1–5 (or emoji) answer by reply.
   */
  csat: z
    .object({ enabled: z.boolean().default(false), cannedId: z.string().min(1).nullable().default(null) })
    .default({ enabled: false, cannedId: null }),
  /** Machine translation: which provider (its key is in the secret store), and the agent's own language. */
  translation: z
    .object({
      provider: z.enum(['deepl', 'google', 'libretranslate', 'openai']).nullable().default(null),
      /** The provider's address: DeepL's free or paid host, a LibreTranslate or model server of the seller's own. */
      apiUrl: z.string().url().nullable().default(null),
      /** The model, for an OpenAI-compatible server. */
      model: z.string().min(1).max(200).nullable().default(null),
      /** The language the agent reads and writes (BCP 47 base tag). */
      agentLanguage: z.string().regex(/^[a-z]{2,3}$/).default('en'),
      /** Accounts whose incoming messages are translated as they arrive (so they read translated offline too). */
      autoAccounts: z.array(z.string().min(1)).max(200).default([]),
      /**
       * Terms never translated (brand and product names, SKUs), each optionally with the fixed wording to use in
       * some languages instead (a term the shop always writes one way).
       */
      glossary: z
        .array(z.object({ term: z.string().trim().min(1).max(100), fixed: z.record(z.string().regex(/^[a-z]{2,3}$/), z.string().min(1).max(100)).default({}) }))
        .max(500)
        .default([]),
    })
    .default({ provider: null, apiUrl: null, model: null, agentLanguage: 'en', autoAccounts: [], glossary: [] }),
});
export type AppSettings = z.infer<typeof AppSettingsSchema>;
/** What settings.set changes (translation has its own call, which checks the provider first). */
export const AppSettingsChangeSchema = AppSettingsSchema.omit({ translation: true }).partial().strict();
