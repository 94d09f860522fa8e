// An InboxApi for the stores' tests: each call answered by a handler the test gives (or NOT_FOUND), every call
// recorded, events emitted by the test. Answers can be held back to play out races.
import type { ConversationSummary, Result } from '../../../shared/domain/types';
import type { CallInput, CallName, CallOutput, EventName, Events, InboxApi } from '../../../shared/ipc/contract';

type Handler<K extends CallName> = (input: CallInput<K>) => Result<CallOutput<K>> | Promise<Result<CallOutput<K>>>;

export class FakeInboxApi implements InboxApi {
  readonly calls: Array<{ name: CallName; input: unknown }> = [];
  readonly #handlers = new Map<CallName, Handler<CallName>>();
  readonly #listeners = new Map<EventName, Set<(payload: never) => void>>();

  handle<K extends CallName>(name: K, handler: Handler<K>): this {
    this.#handlers.set(name, handler as unknown as Handler<CallName>);
    return this;
  }

  async invoke<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>> {
    this.calls.push({ name, input });
    const handler = this.#handlers.get(name) as Handler<K> | undefined;
    if (!handler) return { ok: false, error: { code: 'NOT_FOUND', message: `no handler for ${name}` } };
    return handler(input);
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const l of this.#listeners.get(event) ?? []) (l as (p: Events[E]) => void)(payload);
  }

  listenerCount(event: EventName): number {
    return this.#listeners.get(event)?.size ?? 0;
  }

  /** The calls of one name, in order. */
  callsOf(name: CallName): unknown[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input);
  }
}

/** A promise and the functions that settle it: an answer the test releases when it chooses. */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A conversation row as the list shows it: `id`, its last message time, and whatever the test changes. */
export const summary = (id: string, lastMessageAt: number, over: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id,
  accountId: 'a',
  channel: 'email',
  subject: id,
  customerName: id,
  customerAddress: `${id}@example.test`,
  lastMessageAt,
  snippet: '',
  unreadCount: 0,
  messageCount: 1,
  status: 'open',
  tags: [],
  flagged: false,
  answered: false,
  mailbox: 'inbox',
  snoozedUntil: null,
  language: null,
  languageSetByAgent: false,
  marketplace: null,
  urgency: 'normal',
  urgencySetByAgent: false,
  waitingSince: null,
  replyDueAt: null,
  hasDraft: false,
  assignee: null,
  ...over,
});
