// What each call of the API contract does, grouped by domain. Handlers get validated input and may throw
// CoreError; the router turns results and errors into envelopes.
import path from 'node:path';
import type { CallInput, CallName, CallOutput } from '../../../shared/ipc/contract.js';
import type { Account, SignIn } from '../../../shared/domain/types.js';
import type { InboxCore } from '../inbox-core.js';
import type { AccountRow } from '../db/queries/accounts.js';
import { CoreError } from '../errors.js';
import { newId } from '../ids.js';
import { verifyEmailAccount } from '../channels/email/verify.js';
import { verifyTelegramBot } from '../channels/telegram/verify.js';
import { verifyEbayAccount } from '../channels/ebay/verify.js';
import { identityOf as ebayIdentity } from '../channels/ebay/mapping.js';
import { ebayClientSecretKey, ebayRefreshTokenKey, type EbaySettings } from '../channels/ebay/settings.js';
import { forgetSecrets } from '../channels/registry.js';
import { cannedToSave, prepareCanned } from '../templates/canned.js';
import { exportCanned, importCanned } from '../templates/transfer.js';
import { STARTER_SET } from '../templates/starter-set.js';
import { autoReplyState, refreshServerRules, saveAutoReply } from '../autoreply/auto-reply.js';
import { buildReport } from '../reports/report.js';
import { blockSender, unblockSender } from '../conversations/blocking.js';
import { countConversations, searchConversations } from '../search/search.js';
import { customerClock } from '../customers/customer-clock.js';
import { customerOrders } from '../customers/customer-orders.js';
import { mergeConversations, splitMessage, unmergeConversations } from '../conversations/merge.js';
import { assign } from '../conversations/assignment.js';
import { forwardMessage } from '../conversations/forward.js';
import { signatureOf } from '../../../shared/domain/signature.js';
import { conversationLanguage, languageHintOf } from '../conversations/language.js';
import { makeProvider, translateConversation, translateDraft, TRANSLATION_KEY } from '../translation/service.js';
import { verifyMeliAccount } from '../channels/mercadolibre/verify.js';
import { verifyMetaPage } from '../channels/meta/verify.js';
import { MetaSettingsSchema, metaTokenKey, type MetaSettings } from '../channels/meta/settings.js';
import { identityOf as meliIdentity } from '../channels/mercadolibre/mapping.js';
import { meliClientSecretKey, meliTokensKey, type MeliSettings } from '../channels/mercadolibre/settings.js';
import { telegramTokenKey } from '../channels/telegram/settings.js';
import { EmailSettingsSchema, passwordKey, type EmailSettings } from '../channels/email/settings.js';
import { AppSettingsChangeSchema } from '../../../shared/domain/settings.js';
import { forgetCredentials, storeOAuthTokens, type Credentials } from '../channels/email/credentials.js';
import type { FinishedSignIn } from '../auth/oauth2-flow.js';
import { queueReply, startConversation } from '../conversations/reply.js';
import { carriedMessageOf, SEND_MESSAGE_OP, settledUrgencyOf, TRANSLATE_MESSAGE_OP } from '../outbox/op-kinds.js';
import { attachmentFile, attachmentInfo, isRunnable, removeMessageFiles } from '../conversations/attachments.js';
import { htmlForDisplay } from '../conversations/html-body.js';
import { applyRetention, eraseCustomer, exportCustomer } from '../privacy/customer-data.js';
import { addNote, markRead, moveConversation, setFlagged, setStatus, setTags, snooze } from '../conversations/actions.js';
import { createDemoWorkspace, demoCannedResponses, DEMO_ADDRESS, demoShop } from '../demo/sample-workspace.js';

/** A verified account: its secrets first (the connector reads them at start), then its row, audited. */
function saveAccount(core: InboxCore, row: AccountRow, secrets: Array<[string, string]>): Account {
  for (const [key, value] of secrets) core.secrets.set(key, value);
  core.store.transaction(() => {
    core.store.accounts.insert(row);
    core.store.audit.add(core.now(), 'account.added', row.address, { channel: row.channel });
  });
  core.accountAdded(row);
  return toAccount(core, row);
}

export type Handlers = {
  [K in CallName]: (core: InboxCore, input: CallInput<K>) => Promise<CallOutput<K>> | CallOutput<K>;
};

const toAccount = (core: InboxCore, a: AccountRow): Account => ({
  id: a.id,
  channel: a.channel,
  name: a.name,
  address: a.address,
  ...(a.channel === 'email' ? { signIn: EmailSettingsSchema.parse(a.settings).auth } : {}),
  ...(a.channel === 'messenger' || a.channel === 'instagram' ? { humanAgent: MetaSettingsSchema.parse(a.settings).humanAgent } : {}),
  createdAt: a.createdAt,
  status: core.statusOf(a.id),
});

interface ReadySignIn {
  creds: Credentials;
  password?: string;
  oauth?: FinishedSignIn;
}

/** A password as given, or an OAuth sign-in once the user has finished it in the browser. */
async function finishSignIn(core: InboxCore, signIn: SignIn, user: string): Promise<ReadySignIn> {
  if (signIn.kind === 'password') return { creds: { user, password: signIn.password }, password: signIn.password };
  const oauth = await core.oauth.wait(signIn.flowId);
  return { creds: { user, accessToken: oauth.tokens.accessToken }, oauth };
}

function keepSignIn(core: InboxCore, accountId: string, signIn: ReadySignIn): void {
  if (signIn.oauth) storeOAuthTokens(core.secrets, accountId, signIn.oauth.tokens);
  else if (signIn.password !== undefined) core.secrets.set(passwordKey(accountId), signIn.password);
}


/** Files from the agent's disk, as a reply's attachments option (written to the attachments folder). */
function outgoingFiles(core: InboxCore, files: Array<{ fileName: string; contentType: string; dataBase64: string }> | undefined) {
  if (!files?.length) return {};
  return {
    attachments: {
      dir: core.attachmentsDir,
      files: files.map((a) => ({ filename: a.fileName, contentType: a.contentType || 'application/octet-stream', content: Buffer.from(a.dataBase64, 'base64') })),
    },
  };
}

export const handlers: Handlers = {
  'app.info': (core) => {
    const accounts = core.store.accounts.list();
    return {
      version: core.version,
      hasAccounts: accounts.length > 0,
      demo: accounts.some((a) => a.channel === 'demo'),
      outbox: core.store.outbox.counts(),
      oauthClients: core.options.oauthClients ?? {},
    };
  },

  'accounts.list': (core) => core.store.accounts.list().map((a) => toAccount(core, a)),

  'accounts.addEmail': async (core, input) => {
    const address = input.email.toLowerCase();
    if (core.store.accounts.findByAddress('email', address)) {
      throw new CoreError('DUPLICATE_ACCOUNT', `${address} is already set up.`);
    }
    const signIn = await finishSignIn(core, input.signIn, input.user);
    await verifyEmailAccount(input, signIn.creds);
    const settings: EmailSettings = {
      imap: input.imap,
      smtp: input.smtp,
      ...(input.sieve ? { sieve: input.sieve } : {}),
      user: input.user,
      auth: signIn.oauth ? 'oauth2' : 'password',
      oauth: signIn.oauth?.provider,
    };
    const row: AccountRow = {
      id: newId(),
      channel: 'email',
      name: input.displayName?.trim() || address,
      address,
      settings,
      createdAt: core.now(),
    };
    keepSignIn(core, row.id, signIn);
    core.store.transaction(() => {
      core.store.accounts.insert(row);
      core.store.audit.add(core.now(), 'account.added', row.address, { channel: row.channel });
    });
    core.accountAdded(row);
    return toAccount(core, row);
  },

  'accounts.remove': async (core, { id }) => {
    const messageIds = core.store.messages.idsOfAccount(id);
    const row = core.store.accounts.get(id);
    const removed = core.store.transaction(() => {
      const done = core.store.accounts.remove(id); // its conversations, messages and outbox go with it
      if (done && row) core.store.audit.add(core.now(), 'account.removed', row.address, { channel: row.channel, messages: messageIds.length });
      return done;
    });
    if (removed) {
      if (row) forgetSecrets(row, core.secrets);
      await core.accountRemoved(id);
      // Then the files those rows pointed to: attachments and raw sources.
      removeMessageFiles(core, messageIds);
    }
    return { removed };
  },

  'accounts.addTelegram': async (core, input) => {
    const token = input.token;
    const apiUrl = input.apiUrl ?? core.options.telegramApiUrl;
    const bot = await verifyTelegramBot(token, apiUrl);
    const address = `@${bot.username ?? bot.id}`;
    if (core.store.accounts.findByAddress('telegram', address)) throw new CoreError('DUPLICATE_ACCOUNT', `${address} is already connected.`);
    const row: AccountRow = {
      id: newId(),
      channel: 'telegram',
      name: bot.first_name || address,
      address,
      settings: { apiUrl, botId: bot.id },
      createdAt: core.now(),
    };
    const account = saveAccount(core, row, [[telegramTokenKey(row.id), token]]);
    return account;
  },

  'accounts.addEbay': async (core, input) => {
    const apiUrl = input.apiUrl ?? core.options.ebayApiUrl;
    const address = ebayIdentity(input.username);
    if (core.store.accounts.findByAddress('ebay', address)) throw new CoreError('DUPLICATE_ACCOUNT', `eBay user ${input.username} is already connected.`);
    await verifyEbayAccount({ clientId: input.clientId, clientSecret: input.clientSecret, refreshToken: input.refreshToken }, apiUrl);
    const settings: EbaySettings = { ...(apiUrl ? { apiUrl } : {}), username: input.username, clientId: input.clientId, backfillDays: 90, pollMinutes: core.options.pollMinutes ?? 1 };
    const row: AccountRow = { id: newId(), channel: 'ebay', name: input.username, address, settings, createdAt: core.now() };
    const account = saveAccount(core, row, [[ebayClientSecretKey(row.id), input.clientSecret], [ebayRefreshTokenKey(row.id), input.refreshToken]]);
    return account;
  },

  'accounts.addMercadoLibre': async (core, input) => {
    const apiUrl = input.apiUrl ?? core.options.meliApiUrl;
    const { seller, tokens, pendingKey } = await verifyMeliAccount(core.secrets, input, apiUrl, core.now);
    const address = meliIdentity(seller.id);
    if (core.store.accounts.findByAddress('mercadolibre', address)) {
      core.secrets.delete(pendingKey);
      throw new CoreError('DUPLICATE_ACCOUNT', `Mercado Libre seller ${seller.nickname} is already connected.`);
    }
    const settings: MeliSettings = {
      ...(apiUrl ? { apiUrl } : {}),
      clientId: input.clientId,
      sellerId: String(seller.id),
      nickname: seller.nickname,
      ...(seller.site_id ? { siteId: seller.site_id } : {}),
      pollMinutes: core.options.pollMinutes ?? 1,
    };
    const row: AccountRow = { id: newId(), channel: 'mercadolibre', name: seller.nickname, address, settings, createdAt: core.now() };
    const account = saveAccount(core, row, [[meliClientSecretKey(row.id), input.clientSecret], [meliTokensKey(row.id), JSON.stringify(tokens)]]);
    core.secrets.delete(pendingKey);
    return account;
  },

  'accounts.addMetaPage': async (core, input) => {
    const apiUrl = input.apiUrl ?? core.options.graphApiUrl;
    const page = await verifyMetaPage(input.platform, input.pageToken, apiUrl);
    const address = input.platform === 'instagram' ? `instagram:${page.igUserId}` : `messenger:${page.pageId}`;
    if (core.store.accounts.findByAddress(input.platform, address)) throw new CoreError('DUPLICATE_ACCOUNT', `${page.pageName} is already connected for ${input.platform === 'instagram' ? 'Instagram' : 'Messenger'}.`);
    const settings: MetaSettings = { ...(apiUrl ? { apiUrl } : {}), platform: input.platform, ...page, humanAgent: input.humanAgent ?? false, pollMinutes: core.options.pollMinutes ?? 1 };
    const name = input.platform === 'instagram' && page.igUsername ? `@${page.igUsername}` : page.pageName;
    const row: AccountRow = { id: newId(), channel: input.platform, name, address, settings, createdAt: core.now() };
    const account = saveAccount(core, row, [[metaTokenKey(row.id), input.pageToken]]);
    return account;
  },

  'accounts.updateSignIn': async (core, input) => {
    const row = core.store.accounts.get(input.id);
    if (!row || row.channel !== 'email') throw new CoreError('NOT_FOUND', 'Account not found.');
    const settings = EmailSettingsSchema.parse(row.settings);
    const signIn = await finishSignIn(core, input.signIn, settings.user);
    await verifyEmailAccount(settings, signIn.creds);
    forgetCredentials(core.secrets, row.id);
    keepSignIn(core, row.id, signIn);
    core.store.accounts.updateSettings(row.id, {
      ...settings,
      auth: signIn.oauth ? 'oauth2' : 'password',
      oauth: signIn.oauth?.provider,
    });
    await core.accountSignInChanged(row.id);
    return toAccount(core, core.store.accounts.get(row.id)!);
  },

  'messages.html': (core, { id }) => {
    if (!core.store.messages.get(id)) throw new CoreError('NOT_FOUND', 'Message not found.');
    return { html: htmlForDisplay(core.store, core.attachmentsDir, id) };
  },

  'attachments.download': async (core, { id }) => {
    await attachmentFile(core, id);
    return attachmentInfo(core, id);
  },
  'attachments.open': async (core, { id }) => {
    const file = await attachmentFile(core, id);
    if (isRunnable(attachmentInfo(core, id).filename, path.basename(file))) return { opened: false, path: file, blocked: true };
    if (!core.options.openPath) return { opened: false, path: file };
    const problem = await core.options.openPath(file);
    if (problem) throw new CoreError('INTERNAL', `The file could not be opened: ${problem}`);
    return { opened: true, path: file };
  },
  'settings.get': (core) => core.store.appSettings.get(),

  'translation.configure': async (core, input) => {
    const current = core.store.appSettings.get().translation;
    const next = {
      provider: input.provider,
      apiUrl: input.apiUrl === undefined ? current.apiUrl : input.apiUrl,
      model: input.model === undefined ? current.model : input.model,
      agentLanguage: input.agentLanguage ?? current.agentLanguage,
      autoAccounts: input.autoAccounts ?? current.autoAccounts,
      glossary: input.glossary?.map((g) => ({ term: g.term, fixed: g.fixed ?? {} })) ?? current.glossary,
    };
    const key = input.key ?? core.secrets.get(TRANSLATION_KEY) ?? null;
    if (next.provider !== null && (input.key !== undefined || next.provider !== current.provider || next.apiUrl !== current.apiUrl || next.model !== current.model)) {
      // Checked with one short translation before anything is saved, like an account's password.
      await makeProvider(next, key).translate({ texts: ['Thank you for your order.'], source: 'en', target: next.agentLanguage === 'en' ? 'es' : next.agentLanguage });
    }
    if (input.key !== undefined) core.secrets.set(TRANSLATION_KEY, input.key);
    core.store.appSettings.set({ translation: next });
    return { ...next, hasKey: Boolean(core.secrets.get(TRANSLATION_KEY)) };
  },
  'translation.conversation': async (core, { conversationId, to }) => {
    const result = await translateConversation(core.store, core.secrets, conversationId, to, core.now());
    // What had to wait is tried again by itself; the renderer hears translations.ready.
    if (result.messages.some((m) => m.state === 'queued')) core.autoTranslator.waitForProvider(conversationId, to);
    return result;
  },
  'translation.draft': (core, { conversationId, text }) => translateDraft(core.store, core.secrets, conversationId, text, core.now()),
  'settings.set': (core, input) => {
    const changes = AppSettingsChangeSchema.parse(input); // with the defaults of nested settings filled in
    core.store.appSettings.set(changes);
    if (changes.retentionMonths !== undefined) applyRetention(core); // a new rule applies now, not at the next start
    return core.store.appSettings.get();
  },

  'oauth.begin': (core, { provider, accountId, loginHint }) => {
    if (provider) return core.oauth.begin(provider, loginHint);
    // Signing in again: the account's own sign-in server and user.
    const row = accountId ? core.store.accounts.get(accountId) : undefined;
    const settings = row?.channel === 'email' ? EmailSettingsSchema.parse(row.settings) : undefined;
    if (!settings?.oauth) throw new CoreError('NOT_FOUND', 'This account does not sign in with OAuth.');
    return core.oauth.begin(settings.oauth, loginHint ?? settings.user);
  },
  'oauth.cancel': (core, { flowId }) => ({ cancelled: core.oauth.cancel(flowId) }),

  // Runs in the background; progress and errors arrive as events and account status.
  'sync.now': (core, { accountId }) => ({ started: core.syncNow(accountId ? [accountId] : undefined) }),

  'conversations.list': (core, { accountId, mailbox, folder, limit, before, beforeId }) => {
    if (folder && !accountId) throw new CoreError('INVALID_INPUT', 'A folder belongs to an account: give accountId too.');
    return core.store.conversations.list({ limit: limit ?? 500, accountId, mailbox, folder, now: core.now(), ...(before !== undefined ? { before } : {}), ...(beforeId ? { beforeId } : {}) });
  },

  'conversations.summaries': (core, { ids }) => core.store.conversations.getMany(ids),

  'accounts.folders': (core, { id }) => {
    if (!core.store.accounts.get(id)) throw new CoreError('NOT_FOUND', 'Account not found.');
    return core.store.folders.list(id);
  },

  'conversations.get': (core, { id }) => {
    const conversation = core.store.conversations.get(id);
    if (!conversation) throw new CoreError('NOT_FOUND', 'Conversation not found.');
    return {
      conversation,
      messages: core.store.messages.listForConversation(id),
      notes: core.store.notes.list(id),
      csat: core.store.autoReplies.csat(id),
      senderBlocked: conversation.customerAddress !== '' && core.store.blockedSenders.has(conversation.accountId, conversation.customerAddress),
      customerClock: customerClock(core.store, id, core.now()),
      lastMerge: core.store.conversationMerges.lastInto(id),
    };
  },

  'conversations.assign': (core, { id, mine }) => {
    const r = assign(core.store, id, mine);
    core.conversationChanged(id, false);
    return r;
  },

  'conversations.merge': (core, { intoId, fromId }) => {
    const r = mergeConversations(core.store, intoId, fromId, core.now());
    core.events.emit('conversations.changed', { ids: [intoId, fromId] });
    return r;
  },
  'conversations.unmerge': (core, { mergeId }) => {
    const r = unmergeConversations(core.store, mergeId);
    core.events.emit('conversations.changed', { ids: [r.intoId, r.fromId] });
    return r;
  },
  'messages.split': (core, { id }) => {
    const from = core.store.messages.get(id)?.conversationId;
    const r = splitMessage(core.store, id, core.now());
    core.events.emit('conversations.changed', { ids: [r.conversationId, ...(from ? [from] : [])] });
    return r;
  },

  'senders.block': (core, { conversationId }) => {
    const r = blockSender(core.store, conversationId, core.now());
    core.events.emit('conversations.changed', { ids: [conversationId, ...r.moved] });
    core.outboxChanged();
    return r;
  },

  'senders.unblock': (core, { conversationId }) => {
    const r = unblockSender(core.store, conversationId, core.now());
    core.events.emit('conversations.changed', { ids: [conversationId, ...r.moved] });
    core.outboxChanged();
    return r;
  },

  'conversations.markRead': (core, { id, read }) => {
    const changed = markRead(core.store, id, read, core.now());
    if (changed > 0) core.conversationChanged(id);
    return { changed };
  },

  'conversations.setFlagged': (core, { id, flagged }) => {
    const changed = setFlagged(core.store, id, flagged, core.now());
    if (changed > 0) core.conversationChanged(id);
    return { changed };
  },

  'conversations.setTags': (core, { id, tags }) => {
    const result = setTags(core.store, id, tags, core.now());
    core.conversationChanged(id);
    return { tags: result };
  },

  // The conversation's urgency is this app's own workflow state: nothing goes to a server.
  'conversations.setUrgency': (core, { id, urgency }) => {
    if (!core.store.conversations.get(id)) throw new CoreError('NOT_FOUND', 'Conversation not found.');
    core.store.conversations.setUrgency(id, urgency);
    core.conversationChanged(id, false);
    return { urgency: urgency ?? 'normal', setByAgent: urgency !== null };
  },

  'conversations.setStatus': (core, { id, status }) => {
    const surveyed = setStatus(core.store, id, status, core.now());
    core.conversationChanged(id, surveyed);
    return { status };
  },

  'conversations.move': (core, { id, to, folder }) => {
    const mailbox = moveConversation(core.store, id, to ? { to } : { folder: folder! }, core.now());
    core.conversationChanged(id);
    return { mailbox };
  },

  'conversations.snooze': (core, { id, until }) => {
    snooze(core.store, id, until);
    core.conversationChanged(id, false);
    core.scheduleWake();
    return { snoozedUntil: until };
  },

  'messages.source': (core, { id }) => {
    if (!core.store.messages.get(id)) throw new CoreError('NOT_FOUND', 'Message not found.');
    const raw = core.rawSources.read(id);
    if (!raw) throw new CoreError('NOT_FOUND', 'This message has no stored source (it was written here or comes from the demo).');
    return { source: raw.toString('utf8'), bytes: raw.length };
  },

  'drafts.get': (core, { conversationId }) => core.store.drafts.get(conversationId),
  'drafts.save': (core, { conversationId, text, mode }) => {
    if (!core.store.conversations.mailboxOf(conversationId)) throw new CoreError('NOT_FOUND', 'Conversation not found.');
    const had = core.store.drafts.get(conversationId) !== null;
    const saved = core.store.drafts.save(conversationId, text, mode, core.now());
    // The list marks conversations with a draft: tell it when that changes.
    if (had !== saved) core.conversationChanged(conversationId, false);
    return { saved };
  },

  'notes.add': (core, { conversationId, text }) => {
    const id = addNote(core.store, conversationId, text, core.now());
    core.conversationChanged(conversationId, false);
    return { id };
  },

  'messages.forward': (core, { messageId, to, note, cc, bcc }) => {
    const person = (address: string) => ({ name: '', address });
    const r = forwardMessage(core.store, core.attachmentsDir, messageId, person(to), note, core.now(), { cc: (cc ?? []).map(person), bcc: (bcc ?? []).map(person) });
    core.events.emit('conversations.changed', { ids: [r.conversationId] });
    core.outboxChanged();
    return r;
  },

  'messages.compose': (core, { accountId, to, toName, subject, text, cc, bcc, attachments, undoable }) => {
    const account = core.store.accounts.get(accountId);
    if (!account) throw new CoreError('NOT_FOUND', 'Account not found.');
    const holdMs = undoable ? core.store.appSettings.get().undoSendSeconds * 1000 : 0;
    const person = (address: string) => ({ name: '', address });
    const started = startConversation(core.store, account, { to: { name: toName ?? '', address: to }, subject, text }, core.now(), {
      holdMs,
      cc: (cc ?? []).map(person),
      bcc: (bcc ?? []).map(person),
      ...outgoingFiles(core, attachments),
    });
    core.events.emit('conversations.changed', { ids: [started.conversationId] });
    core.outboxChanged();
    return { ...started, undoUntil: holdMs > 0 ? core.now() + holdMs : null };
  },

  'messages.reply': (core, { conversationId, text, original, translate, undoable, replyAll, cc, bcc, attachments }) => {
    const convo = core.store.conversations.get(conversationId);
    if (!convo) throw new CoreError('NOT_FOUND', 'Conversation not found.');
    const account = core.store.accounts.get(convo.accountId)!;
    const queued = core.store.transaction(() => {
      if (translate && core.store.appSettings.get().translation.provider === null) {
        throw new CoreError('INVALID_INPUT', 'No translation provider is set up: choose one in the translation settings, or reply without translation.');
      }
      const settings = core.store.appSettings.get();
      const holdMs = undoable ? settings.undoSendSeconds * 1000 : 0;
      const person = (address: string) => ({ name: '', address });
      const q = queueReply(core.store, account, conversationId, text, core.now(), {
        ...(translate ? { translate: { from: settings.translation.agentLanguage } } : {}),
        holdMs,
        replyAll: replyAll ?? false,
        cc: (cc ?? []).map(person),
        bcc: (bcc ?? []).map(person),
        ...outgoingFiles(core, attachments),
      });
      if (original) core.store.messages.setOriginal(q.messageId, original.text, original.language);
      return { ...q, undoUntil: holdMs > 0 ? core.now() + holdMs : null };
    });
    core.events.emit('conversations.changed', { ids: [conversationId] });
    core.outboxChanged();
    return queued;
  },

  'views.facets': (core) => core.store.viewFacets.get(),
  'search.conversations': (core, { query, limit }) => searchConversations(core.store, query, limit ?? 50, core.now()),
  'search.count': (core, { query, cap }) => countConversations(core.store, query, cap ?? 500, core.now()),

  'conversations.setLanguage': (core, { id, language }) => {
    const convo = core.store.conversations.get(id);
    if (!convo) throw new CoreError('NOT_FOUND', 'Conversation not found.');
    core.store.transaction(() => {
      // Back to detection: what the customer's messages say, newest last.
      let detected: string | null = null;
      if (language === null) {
        for (const m of core.store.messages.listForConversation(id)) {
          if (m.direction === 'in') detected = conversationLanguage({ text: m.text, previous: detected, hint: languageHintOf(m.from.address) });
        }
      }
      core.store.conversations.setLanguageByAgent(id, language, detected);
    });
    core.events.emit('conversations.changed', { ids: [id] });
    return { language: core.store.conversations.languageOf(id) };
  },

  'messages.sendOriginal': (core, { messageId }) => {
    const message = core.store.messages.get(messageId);
    if (!message) throw new CoreError('NOT_FOUND', 'That reply no longer exists.');
    const outboxId = core.store.transaction(() => {
      const op = core.store.outbox.listOpen().find((o) => o.kind === TRANSLATE_MESSAGE_OP && o.payload.messageId === messageId && o.status !== 'sending');
      if (!op) throw new CoreError('INVALID_INPUT', 'This reply is not waiting for translation.');
      core.store.outbox.discard(op.id);
      if (message.original) core.store.messages.setText(messageId, message.original.text + signatureOf(message.text));
      core.store.messages.setSendState(messageId, 'queued');
      const id = newId();
      core.store.outbox.enqueue({ id, kind: SEND_MESSAGE_OP, accountId: message.accountId, conversationId: message.conversationId, payload: { messageId } }, core.now());
      return id;
    });
    core.events.emit('conversations.changed', { ids: [message.conversationId] });
    core.outboxChanged();
    return { outboxId };
  },

  'outbox.list': (core) =>
    core.store.outbox.listOpen().map(({ payload: _payload, remoteRef: _ref, outcomeUnknown: _u, ...op }) => op),

  'outbox.retry': (core, { id }) => {
    const op = core.store.outbox.get(id);
    if (!op) throw new CoreError('NOT_FOUND', 'That operation is no longer in the outbox.');
    const retried = core.store.transaction(() => {
      const ok = core.store.outbox.retryFailed(id, core.now());
      const messageId = carriedMessageOf(op);
      if (ok && messageId) core.store.messages.setSendState(messageId, 'queued');
      return ok;
    });
    if (retried) {
      if (op.conversationId) core.events.emit('conversations.changed', { ids: [op.conversationId] });
      core.outboxChanged();
    }
    return { retried };
  },

  'outbox.discard': (core, { id }) => {
    const op = core.store.outbox.get(id);
    if (!op) throw new CoreError('NOT_FOUND', 'That operation is no longer in the outbox.');
    const messageId = carriedMessageOf(op);
    const discarded = core.store.transaction(() => {
      const ok = core.store.outbox.discard(id);
      // A reply that never left is removed with its op; the agent chose to drop it.
      if (ok && messageId) {
        core.store.messages.remove(messageId);
        if (op.conversationId && core.store.messages.idsIn(op.conversationId).length === 0 && core.store.notes.list(op.conversationId).length === 0) {
          // A new e-mail's conversation held nothing else (no message, no note of the agent's): it goes with it (the
          // agent gets the e-mail back to edit).
          core.store.conversations.remove(op.conversationId);
        } else if (op.conversationId) {
          core.store.conversations.refresh(op.conversationId);
          // Not answered after all: as urgent as it was.
          const settled = settledUrgencyOf(op);
          if (settled) core.store.conversations.unanswered(op.conversationId, settled);
        }
      }
      return ok;
    });
    if (discarded) {
      // The files the dropped reply carried.
      if (messageId) removeMessageFiles(core, [messageId]);
      if (op.conversationId) core.events.emit('conversations.changed', { ids: [op.conversationId] });
      core.outboxChanged();
    }
    return { discarded };
  },

  'canned.list': (core) => core.store.cannedResponses.list(),

  // Canned responses live in this profile only, so an edit is complete the moment it is saved, online or not.
  'canned.save': (core, input) => {
    const saved = core.store.transaction(() => {
      const previous = input.id ? core.store.cannedResponses.get(input.id) : undefined;
      const saved = cannedToSave({ ...input, folder: input.folder ?? '' }, previous, input.id ?? newId(), core.now());
      core.store.cannedResponses.save(saved);
      return saved;
    });
    // An auto-reply on a mail server that sends this response carries its old text: it is installed again.
    if (refreshServerRules(core.store, core.now(), saved.id) > 0) core.outboxChanged();
    return saved;
  },

  'canned.use': (core, input) => prepareCanned(core.store, core.secrets, { ...input, translate: input.translate ?? false, use: input.use ?? true }, core.now()),

  'canned.export': (core, { format }) => ({
    text: exportCanned(core.store.cannedResponses.list(), format),
    fileName: `canned-responses-${new Date(core.now()).toISOString().slice(0, 10)}.${format}`,
  }),

  'canned.import': (core, { format, text }) => importCanned(core.store, text, format, core.now()),

  'reports.get': (core, input) => buildReport(core.store, input),

  'autoReply.get': (core, { accountId }) => autoReplyState(core.store, accountId, core.now()),

  'autoReply.set': (core, input) => {
    const state = saveAutoReply(core.store, input, core.now());
    core.outboxChanged();
    core.events.emit('accounts.changed', { ids: [input.accountId] });
    return state;
  },

  'canned.addStarterSet': (core) =>
    core.store.transaction(() => {
      const taken = new Set(core.store.cannedResponses.list().map((c) => c.name.toLowerCase()));
      let added = 0;
      for (const s of STARTER_SET) {
        if (taken.has(s.name.toLowerCase())) continue;
        core.store.cannedResponses.save(cannedToSave({ name: s.name, folder: s.folder, variants: s.variants }, undefined, newId(), core.now()));
        added += 1;
      }
      return { added };
    }),

  'customers.export': (core, { address }) => exportCustomer(core, address),

  'customers.erase': (core, { address, onServer }) => eraseCustomer(core, address, onServer),

  'customers.setTimeZone': (core, { conversationId, timeZone }) => {
    const id = core.store.customers.customerOf(conversationId);
    if (!id) throw new CoreError('NOT_FOUND', 'This conversation has no known customer.');
    core.store.customers.setTimeZone(id, timeZone);
    // Every conversation of theirs shows the new clock.
    core.events.emit('conversations.changed', { ids: core.store.conversations.ofCustomer(id).map((c) => c.id) });
    return { clock: customerClock(core.store, conversationId, core.now()) };
  },

  'customers.profile': (core, { conversationId }) => {
    const id = core.store.customers.customerOf(conversationId);
    const customer = id ? core.store.customers.get(id) : undefined;
    if (!customer) throw new CoreError('NOT_FOUND', 'This conversation has no known customer.');
    const last = core.store.customers.lastMerge(customer.id);
    const conversations = core.store.conversations.ofCustomer(customer.id);
    return {
      id: customer.id,
      name: customer.name,
      identities: identitiesOf(core, customer.id),
      conversations,
      orders: customerOrders(core.store, customer.id, conversations),
      note: core.store.customers.noteOf(customer.id),
      lastMerge: last ? { id: last.id, fromName: last.from_name } : null,
    };
  },

  'customers.setNote': (core, { customerId, note }) => {
    if (!core.store.customers.setNote(customerId, note.trim())) throw new CoreError('NOT_FOUND', 'Customer not found.');
    return { note: note.trim() };
  },

  'customers.search': (core, { text, exceptId }) =>
    core.store.customers.search(text, exceptId).flatMap((id) => {
      const c = core.store.customers.get(id);
      return c ? [{ id: c.id, name: c.name, identities: identitiesOf(core, c.id) }] : [];
    }),

  'customers.merge': (core, { intoId, fromId }) => {
    if (intoId === fromId) throw new CoreError('INVALID_INPUT', 'A customer cannot be merged with itself.');
    if (!core.store.customers.get(intoId) || !core.store.customers.get(fromId)) throw new CoreError('NOT_FOUND', 'Customer not found.');
    const mergeId = newId();
    core.store.transaction(() => core.store.customers.merge(mergeId, intoId, fromId, core.now()));
    core.events.emit('conversations.changed', { ids: [] });
    return { mergeId };
  },

  'customers.unmerge': (core, { mergeId }) => {
    const undone = core.store.transaction(() => core.store.customers.unmerge(mergeId)) !== null;
    if (undone) core.events.emit('conversations.changed', { ids: [] });
    return { undone };
  },

  'audit.list': (core, { limit }) => core.store.audit.recent(limit ?? 200),

  'canned.delete': (core, { id }) => ({ deleted: core.store.cannedResponses.remove(id) }),

  'demo.open': (core) => {
    const existing = core.store.accounts.findByAddress('demo', DEMO_ADDRESS);
    if (existing) return { conversations: core.store.conversations.list({ limit: 5000, accountId: existing.id, now: core.now() }).length };
    const row: AccountRow = {
      id: newId(),
      channel: 'demo',
      name: demoShop.name,
      address: DEMO_ADDRESS,
      settings: {},
      createdAt: core.now(),
    };
    core.store.accounts.insert(row);
    const conversations = createDemoWorkspace(core.store, row.id, core.attachmentsDir, core.now());
    for (const c of demoCannedResponses) core.store.cannedResponses.save(cannedToSave({ folder: '', ...c }, undefined, newId(), core.now()));
    core.accountAdded(row);
    core.events.emit('conversations.changed', { ids: [] });
    return { conversations };
  },
};

function identitiesOf(core: InboxCore, customerId: string) {
  return core.store.customers.identities(customerId).map((i) => ({ channel: i.channel as Account['channel'], address: i.address, name: i.name, accountId: i.accountId }));
}
