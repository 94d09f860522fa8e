// Meta's Graph API for a Page's Messenger and Instagram conversations, as this app uses it
// (developers.facebook.com: "Conversations API", "Send API", Graph API "Handling Errors"). Calls carry the Page
// access token as `access_token`; errors answer `{ error: { message, type, code, error_subcode, fbtrace_id } }`.
import { CoreError, PermanentError } from '../../errors.js';
import { providerFetch } from '../provider-fetch.js';

export const GRAPH_API = 'https://graph.facebook.com';
export const GRAPH_VERSION = 'v21.0';
export type Platform = 'messenger' | 'instagram';
/** Messenger takes 2000 characters of text; Instagram 1000. */
export const MAX_TEXT: Record<Platform, number> = { messenger: 2000, instagram: 1000 };

export interface GraphUser {
  id: string;
  name?: string;
  username?: string;
  email?: string;
}

export interface GraphAttachment {
  id?: string;
  name?: string;
  mime_type?: string;
  size?: number;
  file_url?: string;
  image_data?: { url?: string; width?: number; height?: number };
}

export interface GraphMessage {
  id: string;
  created_time: string;
  from: GraphUser;
  to: { data: GraphUser[] };
  message?: string;
  attachments?: { data: GraphAttachment[] };
}

export interface GraphConversation {
  id: string;
  updated_time: string;
  participants?: { data: GraphUser[] };
  messages?: { data: GraphMessage[]; paging?: Paging };
}

export interface Paging {
  cursors?: { before?: string; after?: string };
  next?: string;
  previous?: string;
}

interface GraphErrorBody {
  error?: { message?: string; type?: string; code?: number; error_subcode?: number; fbtrace_id?: string; error_user_msg?: string };
}

export class GraphRateLimit extends CoreError {
  constructor(
    readonly retryAfterMs: number,
    detail: string,
  ) {
    super('RATE_LIMITED', `Meta: ${detail}`);
  }
}

/** The 24-hour (or human-agent) window has closed: only the customer can open it again. */
export class OutsideWindowError extends PermanentError {}

const MESSAGE_FIELDS = 'id,created_time,from,to,message,attachments{id,name,mime_type,size,file_url,image_data}';

export class GraphApi {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly token: string,
  ) {
    this.base = `${baseUrl.replace(/\/+$/, '')}/${GRAPH_VERSION}`;
  }

  /** The Page the token belongs to (and its Instagram professional account, if one is linked). */
  page(): Promise<{ id: string; name: string; instagram_business_account?: { id: string; username?: string } }> {
    return this.call('GET', '/me', { fields: 'id,name,instagram_business_account{id,username}' });
  }

  /** One page of conversations on a platform, most recently updated first, with their latest messages. */
  conversations(pageId: string, platform: Platform, after?: string): Promise<{ data: GraphConversation[]; paging?: Paging }> {
    return this.call('GET', `/${encodeURIComponent(pageId)}/conversations`, {
      platform,
      fields: `id,updated_time,participants,messages.limit(20){${MESSAGE_FIELDS}}`,
      limit: '25',
      ...(after ? { after } : {}),
    });
  }

  /** A conversation's most recent messages (Meta gives details of the 20 most recent only). */
  messages(conversationId: string): Promise<GraphConversation> {
    return this.call('GET', `/${encodeURIComponent(conversationId)}`, { fields: `id,updated_time,messages.limit(20){${MESSAGE_FIELDS}}` });
  }

  /** Sends text; RESPONSE inside the 24-hour window, the HUMAN_AGENT tag after it where allowed. */
  send(pageId: string, recipientId: string, text: string, tag: 'HUMAN_AGENT' | null): Promise<{ recipient_id: string; message_id: string }> {
    return this.call(
      'POST',
      `/${encodeURIComponent(pageId)}/messages`,
      {},
      { recipient: { id: recipientId }, messaging_type: tag ? 'MESSAGE_TAG' : 'RESPONSE', ...(tag ? { tag } : {}), message: { text } },
    );
  }

  private async call<T>(method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: object): Promise<T> {
    const q = new URLSearchParams({ ...query, access_token: this.token });
    const url = `${this.base}${path}?${q}`;
    const res = await providerFetch('Meta', url, { method, headers: body ? { 'content-type': 'application/json' } : {}, ...(body ? { body: JSON.stringify(body) } : {}) }, method === 'POST');
    const answer = (await res.json().catch(() => ({}))) as T & GraphErrorBody;
    if (res.ok && !answer.error) return answer;
    throw graphError(res.status, answer, res.headers);
  }
}

/** Graph API error codes as the app's errors ("Handling Errors", the Send API's error codes). */
export function graphError(status: number, body: GraphErrorBody, headers?: Headers): CoreError {
  const e = body.error ?? {};
  const detail = e.error_user_msg || e.message || `HTTP ${status}`;
  const code = e.code ?? 0;
  if (code === 190 || code === 102) {
    return new PermanentError('AUTH_FAILED', `Meta no longer accepts the Page access token (${detail}). Make a new Page token (it expires when the password changes or the app is removed) and connect the Page again.`);
  }
  if (code === 4 || code === 17 || code === 32 || code === 613 || code === 80006) {
    const minutes = regainMinutes(headers);
    return new GraphRateLimit(minutes === null ? 60_000 : minutes * 60_000, `${detail} (call limit reached; retried ${minutes ? `in ${minutes} min` : 'shortly'})`);
  }
  if (code === 10 && (e.error_subcode === 2018278 || e.error_subcode === 2534022 || /window/i.test(detail))) {
    return new OutsideWindowError('SEND_REJECTED', `The reply window has closed: Meta lets a Page answer within 24 hours of the customer's last message (7 days for a person, with the human-agent permission). The customer must write again first.`);
  }
  if (code === 200 || code === 10 || code === 230) return new PermanentError('AUTH_FAILED', `Meta refused: ${detail} (the Page token lacks a permission such as pages_messaging or instagram_manage_messages).`);
  if (code === 551 || e.error_subcode === 1545041) return new PermanentError('SEND_REJECTED', `Meta: this person is not available (${detail}).`);
  if (code === 1 || code === 2 || status >= 500) return new CoreError('TEMPORARY', `Meta had a problem (${detail}); retried later.`);
  if (status === 404 || code === 803 || code === 100) return new PermanentError('SEND_REJECTED', `Meta: ${detail}`);
  return new PermanentError('SEND_REJECTED', `Meta: ${detail}`);
}

/**
 * How long Meta says until calls are allowed again: `estimated_time_to_regain_access` (minutes) in the
 * X-Business-Use-Case-Usage header ("Rate Limits"), the largest over its entries; null when it does not say.
 */
export function regainMinutes(headers: Headers | undefined): number | null {
  const raw = headers?.get('x-business-use-case-usage');
  if (!raw) return null;
  try {
    const usage = JSON.parse(raw) as Record<string, Array<{ estimated_time_to_regain_access?: number }>>;
    const all = Object.values(usage).flat().map((u) => u.estimated_time_to_regain_access ?? 0);
    return all.length ? Math.max(...all) : null;
  } catch {
    return null;
  }
}
