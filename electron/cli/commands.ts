// The CLI's commands: each parses its own options, calls the core through the same API router the UI uses,
// and prints either a human-readable summary or JSON.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { InboxCore } from '../core/inbox-core.js';
import { createRouter } from '../core/api/router.js';
import { describeProtection, type SecretProtection } from '../core/secrets/keychain-codec.js';
import { openHeadlessProfile } from '../core/headless-profile.js';
import type { CallInput, CallName, CallOutput } from '../../shared/ipc/contract.js';
import type { SignIn, TlsMode } from '../../shared/domain/types.js';
import { presetFor } from '../../shared/domain/email-presets.js';
import { TlsModeSchema } from '../../shared/domain/types.js';
import { parsePort } from '../../shared/domain/port.js';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** Read by `--text -`. */
  stdin?: NodeJS.ReadableStream;
}

export const USAGE = `Usage: npm run cli -- --profile DIR <command> [options] [--json]

Commands:
  account add --email E --imap-host H --imap-port P --smtp-host H --smtp-port P
              --tls off|starttls|tls [--imap-tls MODE] [--smtp-tls MODE]
              --user U (--password-env VAR | --oauth | --oauth-client-id ID) [--name NAME]
              OAuth: prints the sign-in address to open in a browser and waits. --oauth uses
              the app's registration (resources/oauth-clients.json) for Gmail and Outlook;
              with --oauth-client-id, Gmail and Outlook need nothing more; otherwise also give
              --oauth-authorization-url U --oauth-token-url U --oauth-scopes "S1 S2"
              [--oauth-client-secret-env VAR]
  account add --channel telegram --token-env VAR [--api-url URL]
              a Telegram bot made with @BotFather; VAR holds its token
  account add --channel ebay --user EBAY_USER_ID --client-id ID --client-secret-env VAR
              --refresh-token-env VAR [--api-url URL]
              an eBay seller account through the Message API: the keys of a developer app
              (developer.ebay.com, Application Keys) and a refresh token for the seller (User
              Tokens, commerce.message scope); --api-url https://api.sandbox.ebay.com for the sandbox
  account add --channel mercadolibre --client-id ID --client-secret-env VAR --refresh-token-env VAR
              [--api-url URL]
              a Mercado Libre seller account (post-sale messages): the keys of an app made on
              developers.mercadolibre.com and a refresh token from authorizing it (spent at once: the
              app keeps the new one it is given)
  account add --channel messenger|instagram --token-env VAR [--human-agent] [--api-url URL]
              a Facebook Page's Messenger inbox, or the Instagram professional account linked to
              it; VAR holds a long-lived Page access token; --human-agent if the Page may use the
              human-agent tag (a person may answer up to 7 days after the customer wrote)
  account list
  sync --once            replay the outbox, fetch new mail, replay again, then exit
  sync                   keep syncing (IDLE) until interrupted
  conversations [--limit N] [--before T]
                         list conversations, newest first (500 by default); when more exist, says so on
                         stderr with the --before value of the next page
  show <conversation-id> print one conversation's messages
  reply <conversation-id> (--text T | --text - | --text-file PATH)
                         queue a reply (sent by the next sync); "-" reads it from stdin
  translation set --provider deepl|google|libretranslate|openai|none [--api-url URL] [--key-env VAR]
                [--model M] [--agent-language L]
                         machine translation: the key is checked with the provider before it is saved
  translate <conversation-id> [--to L]
                         the customer's messages in your language (or L), through the translation memory
  reply <conversation-id> --translate (--text T | ...)
                         T is in your language; the customer gets it translated (queued, offline too)
  search "<query>"       conversations of every channel with these words, best first; operators: from:
                         channel: marketplace: tag: status: lang: is:unread has:attachment before: after:
  report --from YYYY-MM-DD --to YYYY-MM-DD [--tz ZONE] [--account ID] [--channel C]
         [--marketplace M] [--language L] [--agent NAME] [--target MINUTES]
                         the figures of the reports screen: volume, first response and resolution
                         (business hours), first-contact resolution, satisfaction, auto-replies, topics;
                         --agent: conversations whose first reply NAME wrote
  canned list            canned responses: folder, name, languages, uses, variants to review
  canned export [--format csv|json]
                         every canned response on stdout (CSV: name, folder, a column per language)
  canned import FILE [--format csv|json]
                         add or update canned responses (matched by folder and name); rows that cannot
                         be used are listed, and the exit status is 1
  outbox                 list pending and failed operations
  outbox retry <id>      try a failed operation again
  outbox discard <id>    drop a pending or failed operation (an unsent reply is removed; a new e-mail with its conversation)
  customer export <address>               everything about one customer, as a zip under DIR/exports
  customer erase <address> [--on-server]  remove it here (and their mail on the server); cannot be undone
  audit                  the audit log: exports, erasures, retention deletions, accounts added and removed
  demo                   open the demo workspace
`;

class UsageError extends Error {}

/** Longest reply text read from a file or stdin (the contract's own limit is checked after). */
const MAX_REPLY_BYTES = 1024 * 1024;

/** The reply's text: the argument, a file (long replies do not fit an argument list), or standard input. */
async function replyText(text: string | undefined, file: string | undefined, stdin: NodeJS.ReadableStream | undefined): Promise<string> {
  if ((text === undefined) === (file === undefined)) throw new UsageError('give the reply as --text T, --text - (stdin) or --text-file PATH');
  const read = async (source: AsyncIterable<Buffer | string>) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of source) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += b.length;
      if (size > MAX_REPLY_BYTES) throw new CommandError(`The reply is longer than ${MAX_REPLY_BYTES / 1024 / 1024} MB.`);
      chunks.push(b);
    }
    return Buffer.concat(chunks).toString('utf8');
  };
  if (file !== undefined) {
    try {
      return await read(fs.createReadStream(file));
    } catch (err) {
      if (err instanceof CommandError) throw err;
      throw new CommandError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  if (text === '-') {
    if (!stdin) throw new UsageError('--text - needs the reply on standard input');
    return read(stdin as AsyncIterable<Buffer>);
  }
  return text!;
}
class CommandError extends Error {}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        profile: { type: 'string' },
        json: { type: 'boolean', default: false },
        once: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        email: { type: 'string' },
        name: { type: 'string' },
        'imap-host': { type: 'string' },
        'imap-port': { type: 'string' },
        'smtp-host': { type: 'string' },
        'smtp-port': { type: 'string' },
        tls: { type: 'string' },
        'imap-tls': { type: 'string' },
        'smtp-tls': { type: 'string' },
        user: { type: 'string' },
        'password-env': { type: 'string' },
        oauth: { type: 'boolean', default: false },
        'on-server': { type: 'boolean', default: false },
        channel: { type: 'string' },
        'token-env': { type: 'string' },
        'human-agent': { type: 'boolean' },
        'api-url': { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret-env': { type: 'string' },
        'refresh-token-env': { type: 'string' },
        'oauth-client-id': { type: 'string' },
        'oauth-client-secret-env': { type: 'string' },
        'oauth-authorization-url': { type: 'string' },
        'oauth-token-url': { type: 'string' },
        'oauth-scopes': { type: 'string' },
        text: { type: 'string' },
        'text-file': { type: 'string' },
        translate: { type: 'boolean', default: false },
        provider: { type: 'string' },
        'key-env': { type: 'string' },
        model: { type: 'string' },
        'agent-language': { type: 'string' },
        limit: { type: 'string' },
        before: { type: 'string' },
        to: { type: 'string' },
        from: { type: 'string' },
        tz: { type: 'string' },
        account: { type: 'string' },
        marketplace: { type: 'string' },
        language: { type: 'string' },
        agent: { type: 'string' },
        target: { type: 'string' },
        format: { type: 'string' },
      },
    });
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values: o, positionals } = parsed;
  if (o.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (!o.profile || positionals.length === 0) {
    io.stderr.write(`${!o.profile ? '--profile DIR is required' : 'a command is required'}\n\n${USAGE}`);
    return 2;
  }

  const profileDir = path.resolve(o.profile);
  let core: InboxCore;
  let protection: SecretProtection;
  try {
    ({ core, protection } = openHeadlessProfile(profileDir, { ...process.env, ...io.env }));
  } catch (err) {
    io.stderr.write(`error: ${(err as Error).message.split('\n')[0]}\n`);
    return 1;
  }
  const invoke = createRouter(core);
  const call = async <K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> => {
    const r = await invoke(name, input);
    if (!r.ok) throw new CommandError(r.error.message);
    return r.value as CallOutput<K>;
  };
  const print = (json: unknown, human: () => string) =>
    io.stdout.write(o.json ? `${JSON.stringify(json, null, 2)}\n` : human());

  try {
    const [command, ...rest] = positionals;
    switch (command) {
      case 'account': {
        const sub = rest[0];
        if (sub === 'list') {
          const accounts = await call('accounts.list', {});
          print(accounts, () => accounts.map((a) => `${a.id}  ${a.channel}  ${a.address}\n`).join('') || 'No accounts.\n');
          return 0;
        }
        if (sub !== 'add') throw new UsageError(`unknown account command "${sub ?? ''}"`);
        const need = (k: keyof typeof o): string => {
          const v = o[k];
          if (typeof v !== 'string' || v === '') throw new UsageError(`--${k} is required`);
          return v;
        };
        const channel = o.channel ?? 'email';
        if (channel === 'telegram') {
          const variable = need('token-env');
          const token = io.env[variable];
          if (!token) throw new UsageError(`environment variable ${variable} is empty or not set`);
          const account = await call('accounts.addTelegram', { token, ...(o['api-url'] ? { apiUrl: o['api-url'] } : {}) });
          print(account, () => `Added Telegram bot ${account.address} (${account.id}).\n`);
          if (!protection.encrypted) io.stderr.write(`note: ${describeProtection(protection)}\n`);
          return 0;
        }
        const fromEnv = (k: 'client-secret-env' | 'refresh-token-env'): string => {
          const variable = need(k);
          const value = io.env[variable];
          if (!value) throw new UsageError(`environment variable ${variable} is empty or not set`);
          return value;
        };
        if (channel === 'ebay') {
          const account = await call('accounts.addEbay', {
            username: need('user'),
            clientId: need('client-id'),
            clientSecret: fromEnv('client-secret-env'),
            refreshToken: fromEnv('refresh-token-env'),
            ...(o['api-url'] ? { apiUrl: o['api-url'] } : {}),
          });
          print(account, () => `Added eBay account ${account.name} (${account.id}).\n`);
          if (!protection.encrypted) io.stderr.write(`note: ${describeProtection(protection)}\n`);
          return 0;
        }
        if (channel === 'mercadolibre') {
          const account = await call('accounts.addMercadoLibre', {
            clientId: need('client-id'),
            clientSecret: fromEnv('client-secret-env'),
            refreshToken: fromEnv('refresh-token-env'),
            ...(o['api-url'] ? { apiUrl: o['api-url'] } : {}),
          });
          print(account, () => `Added Mercado Libre account ${account.name} (${account.id}).\n`);
          if (!protection.encrypted) io.stderr.write(`note: ${describeProtection(protection)}\n`);
          return 0;
        }
        if (channel === 'messenger' || channel === 'instagram') {
          const variable = need('token-env');
          const pageToken = io.env[variable];
          if (!pageToken) throw new UsageError(`environment variable ${variable} is empty or not set`);
          const account = await call('accounts.addMetaPage', { platform: channel, pageToken, humanAgent: o['human-agent'] === true, ...(o['api-url'] ? { apiUrl: o['api-url'] } : {}) });
          print(account, () => `Added ${channel === 'instagram' ? 'Instagram' : 'Messenger'} account ${account.name} (${account.id}).\n`);
          if (!protection.encrypted) io.stderr.write(`note: ${describeProtection(protection)}\n`);
          return 0;
        }
        if (channel !== 'email') throw new UsageError(`--channel must be email, telegram, ebay, mercadolibre, messenger or instagram`);
        const port = (k: 'imap-port' | 'smtp-port'): number => {
          const n = parsePort(need(k));
          if (n === null) throw new UsageError(`--${k} must be a port number (1-65535)`);
          return n;
        };
        const tls = (k: 'tls' | 'imap-tls' | 'smtp-tls', fallback?: TlsMode): TlsMode => {
          const v = o[k] ?? fallback;
          const r = TlsModeSchema.safeParse(v);
          if (!r.success) throw new UsageError(`--${k} must be off, starttls or tls`);
          return r.data;
        };
        const secretFrom = (k: 'password-env' | 'oauth-client-secret-env'): string => {
          const name = need(k);
          const value = io.env[name];
          if (!value) throw new UsageError(`environment variable ${name} is empty or not set`);
          return value;
        };
        let signIn: SignIn;
        const preset = presetFor(need('email'));
        // The app's own registration for this provider, where the distributor configured one.
        const registered = preset?.oauth ? core.options.oauthClients?.[preset.id] : undefined;
        if (o['oauth'] && !registered && !o['oauth-client-id']) {
          throw new UsageError('this app has no OAuth registration for that provider: give --oauth-client-id (see docs/OAUTH.md)');
        }
        if (o['oauth-client-id'] || o['oauth']) {
          const endpoints = preset?.oauth;
          const authorizationUrl = o['oauth-authorization-url'] ?? endpoints?.authorizationUrl;
          const tokenUrl = o['oauth-token-url'] ?? endpoints?.tokenUrl;
          const scopes = o['oauth-scopes']?.split(/\s+/).filter(Boolean) ?? endpoints?.scopes;
          if (!authorizationUrl || !tokenUrl || !scopes?.length) {
            throw new UsageError('--oauth-authorization-url, --oauth-token-url and --oauth-scopes are required for this provider');
          }
          const flow = await call('oauth.begin', {
            provider: {
              authorizationUrl,
              tokenUrl,
              scopes,
              clientId: o['oauth-client-id'] ?? registered!.clientId,
              clientSecret: o['oauth-client-secret-env'] ? secretFrom('oauth-client-secret-env') : registered?.clientSecret,
            },
            loginHint: need('email'),
          });
          io.stderr.write(`Open this address in a browser and sign in (waiting up to 10 minutes):\n${flow.authorizationUrl}\n`);
          signIn = { kind: 'oauth2', flowId: flow.flowId };
        } else {
          signIn = { kind: 'password', password: secretFrom('password-env') };
        }
        const baseTls = o.tls === undefined ? undefined : tls('tls');
        const account = await call('accounts.addEmail', {
          email: need('email'),
          displayName: o.name,
          imap: { host: need('imap-host'), port: port('imap-port'), tls: tls('imap-tls', baseTls) },
          smtp: { host: need('smtp-host'), port: port('smtp-port'), tls: tls('smtp-tls', baseTls) },
          user: need('user'),
          signIn,
        });
        print(account, () => `Added ${account.address} (${account.id}).\n`);
        if (!protection.encrypted) io.stderr.write(`note: ${describeProtection(protection)}\n`);
        return 0;
      }
      case 'sync': {
        if (!o.once) return await watch(core, io);
        // Progress as it happens: JSON lines on stderr with --json, a line per folder otherwise.
        core.events.on('sync.progress', (p) => {
          if (o.json) io.stderr.write(`${JSON.stringify({ event: 'sync.progress', ...p })}\n`);
          else if (!p.finished && p.total > 0 && p.done === p.total) io.stderr.write(`${p.folder}: ${p.total} new\n`);
        });
        const results = await core.syncEach();
        const conversations = await call('conversations.list', {});
        const outbox = await call('outbox.list', {});
        const accounts = results.map((r) => ({
          id: r.accountId,
          address: core.store.accounts.get(r.accountId)?.address ?? '',
          ok: !r.error,
          ...(r.error ? { error: r.error instanceof Error ? r.error.message : String(r.error) } : {}),
        }));
        print({ conversations: conversations.length, outbox: outbox.length, accounts }, () =>
          accounts.map((a) => (a.ok ? '' : `${a.address}: ${a.error}\n`)).join('') +
          `Synced. ${conversations.length} conversations; ${outbox.length} operations waiting in the outbox.\n`,
        );
        const failed = accounts.find((a) => !a.ok);
        if (failed && !o.json) io.stderr.write(`error: ${failed.address}: ${failed.error}\n`);
        return failed ? 1 : 0;
      }
      case 'conversations': {
        const limit = o.limit === undefined ? 500 : Number(o.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 5000) throw new UsageError('--limit must be a whole number from 1 to 5000');
        let before: number | undefined;
        let beforeId: string | undefined;
        if (o.before !== undefined) {
          // A date, or the "<lastMessageAt>:<id>" an earlier page printed (exact even when times are equal).
          const cursor = /^(\d+)(?::(.+))?$/.exec(o.before);
          before = cursor ? Number(cursor[1]) : Date.parse(o.before);
          beforeId = cursor?.[2];
          if (!Number.isFinite(before)) throw new UsageError('--before takes a date (2026-12-01T10:00:00Z) or the value an earlier page printed');
        }
        // One more than asked, to know whether another page exists.
        const page = await call('conversations.list', { limit: limit + 1, ...(before !== undefined ? { before } : {}), ...(beforeId ? { beforeId } : {}) });
        const list = page.slice(0, limit);
        const last = list[list.length - 1];
        if (page.length > limit && last) io.stderr.write(`More conversations exist: add --before ${last.lastMessageAt}:${last.id} for the next ${limit}.\n`);
        print(list, () =>
          list
            .map(
              (c) =>
                `${c.id}  ${new Date(c.lastMessageAt).toISOString()}  ${c.unreadCount > 0 ? `(${c.unreadCount} unread) ` : ''}${c.customerName || c.customerAddress} — ${c.subject}\n`,
            )
            .join('') || 'No conversations.\n',
        );
        return 0;
      }
      case 'show': {
        const id = rest[0];
        if (!id) throw new UsageError('show needs a conversation id');
        const detail = await call('conversations.get', { id });
        print(
          {
            ...detail.conversation,
            messages: detail.messages.map((m) => ({
              id: m.id,
              direction: m.direction,
              from: m.from,
              to: m.to,
              cc: m.cc,
              date: new Date(m.date).toISOString(),
              subject: m.subject,
              text: m.text,
              sendState: m.sendState ?? null,
              attachments: m.attachments,
            })),
          },
          () =>
            `${detail.conversation.subject}\n\n` +
            detail.messages
              .map((m) => `--- ${m.from.name || m.from.address} · ${new Date(m.date).toISOString()}${m.sendState ? ` · ${m.sendState}` : ''}\n${m.text}\n`)
              .join('\n'),
        );
        return 0;
      }
      case 'reply': {
        const id = rest[0];
        if (!id) throw new UsageError('reply needs a conversation id');
        const text = await replyText(o.text, o['text-file'], io.stdin);
        const queued = await call('messages.reply', { conversationId: id, text, ...(o.translate ? { translate: true } : {}) });
        print(queued, () => `Reply queued (${queued.messageId}); it is ${o.translate ? "translated into the customer's language and " : ''}sent by the next sync.\n`);
        return 0;
      }
      case 'canned': {
        const sub = rest[0];
        const format = (file?: string) => {
          const f = o.format ?? (file && /\.csv$/i.test(file) ? 'csv' : 'json');
          if (f !== 'csv' && f !== 'json') throw new UsageError('--format must be csv or json');
          return f;
        };
        if (sub === 'list') {
          const list = await call('canned.list', {});
          print(list, () => list.map((c) => `${c.id}  ${c.folder ? `${c.folder} / ` : ''}${c.name}  [${Object.keys(c.variants).join(' ')}]  used ${c.useCount}×${c.review.length ? `  to review: ${c.review.join(' ')}` : ''}\n`).join('') || 'No canned responses.\n');
          return 0;
        }
        if (sub === 'export') {
          const out = await call('canned.export', { format: format() });
          io.stdout.write(out.text);
          return 0;
        }
        if (sub === 'import') {
          const file = rest[1];
          if (!file) throw new UsageError('canned import needs a file: canned import responses.csv');
          let text: string;
          try {
            text = fs.readFileSync(file, 'utf8');
          } catch (err) {
            throw new CommandError(`cannot read ${file}: ${(err as Error).message}`);
          }
          const r = await call('canned.import', { format: format(file), text });
          print(r, () => `${r.added} added, ${r.updated} updated${r.skipped.map((x) => `\nrow ${x.row} skipped: ${x.reason}`).join('')}\n`);
          return r.skipped.length > 0 ? 1 : 0;
        }
        throw new UsageError(`unknown canned command "${sub ?? ''}"`);
      }
      case 'report': {
        if (!o.from || !o.to) throw new UsageError('report needs --from YYYY-MM-DD and --to YYYY-MM-DD');
        const r = await call('reports.get', {
          from: o.from,
          to: o.to,
          ...(o.tz ? { timeZone: o.tz } : {}),
          ...(o.account ? { accountId: o.account } : {}),
          ...(o.channel ? { channel: o.channel as never } : {}),
          ...(o.marketplace ? { marketplace: o.marketplace } : {}),
          ...(o.language ? { language: o.language } : {}),
          ...(o.agent ? { agent: o.agent } : {}),
          ...(o.target ? { targetMinutes: Number(o.target) } : {}),
        });
        print(r, () => reportSummary(r));
        return 0;
      }
      case 'search': {
        const query = rest.join(' ');
        if (!query.trim()) throw new UsageError('search needs what to look for, e.g. search "where is my order" from:maria');
        const found = await call('search.conversations', { query, limit: 200 });
        print(found, () => found.map((c) => `${c.id}  ${new Date(c.lastMessageAt).toISOString()}  ${c.customerName || c.customerAddress} — ${c.subject}\n`).join('') || 'Nothing found.\n');
        return 0;
      }
      case 'translation': {
        if (rest[0] !== 'set') throw new UsageError(`unknown translation command "${rest[0] ?? ''}"`);
        const provider = o.provider === 'none' ? null : o.provider;
        if (provider !== null && provider !== 'deepl' && provider !== 'google' && provider !== 'libretranslate' && provider !== 'openai') {
          throw new UsageError('--provider must be deepl, google, libretranslate, openai or none');
        }
        let key: string | undefined;
        if (o['key-env']) {
          key = io.env[o['key-env']];
          if (!key) throw new UsageError(`environment variable ${o['key-env']} is empty or not set`);
        }
        const saved = await call('translation.configure', {
          provider,
          ...(o['api-url'] ? { apiUrl: o['api-url'] } : {}),
          ...(o.model ? { model: o.model } : {}),
          ...(key ? { key } : {}),
          ...(o['agent-language'] ? { agentLanguage: o['agent-language'] } : {}),
        });
        print(saved, () => (saved.provider ? `Translation by ${saved.provider} into ${saved.agentLanguage} (key ${saved.hasKey ? 'saved' : 'not set'}).\n` : 'Translation is off.\n'));
        return 0;
      }
      case 'translate': {
        const id = rest[0];
        if (!id) throw new UsageError('translate needs a conversation id');
        const r = await call('translation.conversation', { conversationId: id, ...(o.to ? { to: o.to } : {}) });
        print({ messages: r.messages }, () =>
          r.messages
            .map((m) => (m.translation ? `${m.text}\n  → ${m.translation.text}  (${m.translation.provider})\n` : m.state === 'done' ? `${m.text}\n` : `${m.text}\n  (${m.state}: ${m.error ?? ''})\n`))
            .join('\n'),
        );
        return 0;
      }
      case 'outbox': {
        const [sub, id] = rest;
        if (sub === 'retry' || sub === 'discard') {
          if (!id) throw new UsageError(`outbox ${sub} needs an operation id`);
          const r = sub === 'retry' ? await call('outbox.retry', { id }) : await call('outbox.discard', { id });
          const done = 'retried' in r ? r.retried : r.discarded;
          if (!done) throw new CommandError(sub === 'retry' ? 'Only a failed operation can be retried.' : 'That operation is being sent right now.');
          print(r, () => (sub === 'retry' ? `Operation ${id} will be tried again.\n` : `Operation ${id} discarded.\n`));
          return 0;
        }
        if (sub !== undefined) throw new UsageError(`unknown outbox command "${sub}"`);
        const ops = await call('outbox.list', {});
        print(ops, () =>
          ops.map((op) => `${op.id}  ${op.kind}  ${op.status}  attempts=${op.attempts}${op.lastError ? `  ${op.lastError}` : ''}\n`).join('') ||
          'The outbox is empty.\n',
        );
        return 0;
      }
      case 'customer': {
        const [sub, address] = rest;
        if ((sub !== 'export' && sub !== 'erase') || !address) throw new UsageError('customer export|erase needs an address');
        if (sub === 'export') {
          const r = await call('customers.export', { address });
          print(r, () => `Exported ${r.conversations} conversations (${r.messages} messages, ${r.attachments} attachments) to ${r.file}\n`);
        } else {
          const r = await call('customers.erase', { address, onServer: o['on-server'] });
          print(r, () => `Erased ${r.conversations} conversations (${r.messages} messages) here${r.serverDeletions ? `; ${r.serverDeletions} messages will be deleted on the server by the next sync` : ''}.\n`);
        }
        return 0;
      }
      case 'audit': {
        const entries = await call('audit.list', {});
        print(entries, () => entries.map((e) => `${new Date(e.at).toISOString()}  ${e.action}  ${e.subject}  ${JSON.stringify(e.detail)}\n`).join('') || 'The audit log is empty.\n');
        return 0;
      }
      case 'demo': {
        const r = await call('demo.open', {});
        print(r, () => `Demo workspace ready with ${r.conversations} conversations.\n`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    io.stderr.write(`error: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}\n`);
    return 1;
  } finally {
    await core.close();
  }
}

/** `sync` without --once: stay connected and report events until SIGINT/SIGTERM. */
async function watch(core: InboxCore, io: CliIo): Promise<number> {
  core.events.on('account.status', (s) => io.stderr.write(`[${s.accountId}] ${s.state}${s.errorDetail ? `: ${s.errorDetail}` : ''}\n`));
  core.events.on('conversations.changed', (e) => io.stdout.write(`changed: ${e.ids.join(', ')}\n`));
  core.start();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  return 0;
}

/** The report as a few lines a person reads in a terminal. */
function reportSummary(r: CallOutput<'reports.get'>): string {
  const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)} %`);
  const num = (x: number | null, unit: string) => (x === null ? '–' : `${x} ${unit}`);
  return [
    `${r.query.from} – ${r.query.to} (${r.query.timeZone})`,
    `customer messages ${r.volume.messages}, new conversations ${r.volume.conversations}`,
    `first response (business hours): median ${num(r.firstResponse.medianMinutes, 'min')}, p90 ${num(r.firstResponse.p90Minutes, 'min')}, within ${r.query.targetMinutes} min ${pct(r.firstResponse.withinTarget)}, unanswered ${r.firstResponse.unanswered}`,
    `resolved ${r.resolution.resolved}: median ${num(r.resolution.medianHours, 'h')}, p90 ${num(r.resolution.p90Hours, 'h')}; first-contact resolution ${pct(r.firstContactResolution.share)}`,
    `satisfaction ${r.csat.average ?? '–'} of 5 (${r.csat.answers} answers); auto-replies ${r.automatic.autoReplies}, surveys ${r.automatic.surveys}`,
    `topics: ${r.content.topics.map((t) => `${t.key} ${t.count}`).join(', ') || '–'}`,
    '',
  ].join('\n');
}
