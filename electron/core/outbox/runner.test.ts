// The outbox runner: order per conversation, backoff on transient errors, a clear reason on permanent ones,
// and recovery of ops a crashed process left half-done.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection.js';
import { createStore, type Store } from '../db/store.js';
import { CoreEvents } from '../events.js';
import type { ChannelConnector, OpOutcome } from '../channels/channel.js';
import type { OutboxRecord } from '../db/queries/outbox.js';
import { PermanentError, UncertainError } from '../errors.js';
import { backoffDelay, defaultRunnerOptions, OutboxRunner } from './runner.js';
import { queueReply } from '../conversations/reply.js';
import { APPEND_SENT_OP, OP_VERSION, SEND_MESSAGE_OP, SET_FLAG_OP, payloadOf } from './op-kinds.js';
import { ingestMessage } from '../conversations/ingest.js';

let store: Store;
let clock: number;
let performed: string[];
let behaviour: (op: OutboxRecord) => Promise<OpOutcome>;
const ACCOUNT = { id: 'acc', channel: 'email' as const, name: 'Shop', address: 'shop@example.test', settings: {}, createdAt: 0 };

const fakeConnector: ChannelConnector = {
  account: ACCOUNT,
  start() {},
  wake() {},
  async stop() {},
  async syncOnce() {},
  status: () => ({ accountId: ACCOUNT.id, state: 'online' }),
  perform: (op) => behaviour(op),
};

function runner() {
  return new OutboxRunner(store, new CoreEvents(), (op) => (op.accountId === ACCOUNT.id ? fakeConnector : undefined), {
    ...defaultRunnerOptions,
    now: () => clock,
    random: () => 0.5,
  });
}

function conversation(n: number): string {
  return store.transaction(
    () =>
      ingestMessage(store, os.tmpdir(), ACCOUNT.id, {
        messageIdHeader: `<c${n}@buyer.test>`, inReplyTo: null, references: [], direction: 'in',
        from: { name: `Buyer ${n}`, address: `b${n}@buyer.test` }, replyTo: [], to: [], cc: [], subject: `Order ${n}`,
        date: n, text: 'hello', fromHtml: false, isRead: false, attachments: [],
      }, null, clock).conversationId,
  );
}

beforeEach(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-'));
  store = createStore(openDatabase(path.join(dir, 'db.sqlite')));
  store.accounts.insert(ACCOUNT);
  clock = 1_000_000;
  performed = [];
  behaviour = async (op) => {
    performed.push(store.messages.get(String(op.payload.messageId))!.text);
    return { remoteRef: 'ok' };
  };
});

describe('backoff', () => {
  it('doubles per attempt, with jitter between half and all of it, up to the cap', () => {
    const o = { baseDelayMs: 1000, maxDelayMs: 8000, random: () => 1 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, o))).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelay(3, { ...o, random: () => 0 })).toBe(2000);
  });
});

describe('outbox runner', () => {
  it('sends replies of one conversation in the order they were written', async () => {
    const c = conversation(1);
    for (const text of ['first', 'second', 'third']) queueReply(store, ACCOUNT, c, text, clock);
    await runner().drain();
    expect(performed).toEqual(['first', 'second', 'third']);
    expect(store.outbox.listOpen()).toEqual([]);
    expect(store.messages.listForConversation(c).filter((m) => m.direction === 'out').map((m) => m.sendState)).toEqual(['sent', 'sent', 'sent']);
  });

  it('keeps a failing op queued with its reason and retries it after the backoff', async () => {
    const c = conversation(1);
    const { messageId } = queueReply(store, ACCOUNT, c, 'hello', clock);
    let fail = true;
    behaviour = async () => {
      if (fail) throw new Error('connection refused');
      return { remoteRef: 'ok' };
    };
    const r = runner();
    await r.drain();
    const [op] = store.outbox.listOpen();
    expect(op).toMatchObject({ status: 'pending', attempts: 1, lastError: 'connection refused' });
    expect(op!.nextAttemptAt).toBe(clock + backoffDelay(1, { ...defaultRunnerOptions, random: () => 0.5 }));
    expect(store.messages.listForConversation(c).find((m) => m.id === messageId)).toMatchObject({ sendState: 'queued', sendError: 'connection refused' });

    // Not due yet: nothing happens.
    fail = false;
    await r.drain();
    expect(store.outbox.listOpen()).toHaveLength(1);
    clock = op!.nextAttemptAt;
    await r.drain();
    expect(store.outbox.listOpen()).toEqual([]);
    expect(store.messages.listForConversation(c).find((m) => m.id === messageId)!.sendState).toBe('sent');
  });

  it('stops at a permanent failure with the reason on the message; later replies still go out', async () => {
    const c = conversation(1);
    const other = conversation(2);
    queueReply(store, ACCOUNT, c, 'rejected one', clock);
    queueReply(store, ACCOUNT, c, 'after it', clock);
    queueReply(store, ACCOUNT, other, 'elsewhere', clock);
    behaviour = async (op) => {
      const text = store.messages.get(String(op.payload.messageId))!.text;
      if (text === 'rejected one') throw new PermanentError('SEND_REJECTED', '550 5.1.1 recipient unknown');
      performed.push(text);
      return { remoteRef: 'ok' };
    };
    await runner().drain();
    const failed = store.messages.listForConversation(c).find((m) => m.text === 'rejected one')!;
    expect(failed).toMatchObject({ sendState: 'failed', sendError: '550 5.1.1 recipient unknown' });
    // The failed op is not retried, and the conversation after it goes on.
    expect(performed).toEqual(['elsewhere', 'after it']);
    expect(store.outbox.listOpen().map((o) => o.status)).toEqual(['failed']);
  });

  it('enqueues follow-up ops in the same step that completes an op', async () => {
    const c = conversation(1);
    queueReply(store, ACCOUNT, c, 'hello', clock);
    const kinds: string[] = [];
    behaviour = async (op) => {
      kinds.push(op.kind);
      return op.kind === 'message.send' ? { remoteRef: 'x', followUps: [{ kind: APPEND_SENT_OP, payload: { messageId: op.payload.messageId } }] } : { remoteRef: 'y' };
    };
    await runner().drain();
    expect(kinds).toEqual(['message.send', APPEND_SENT_OP]);
  });

  it('takes back an op a dead process left half-done, marked as possibly done, and tries it again', async () => {
    const c = conversation(1);
    queueReply(store, ACCOUNT, c, 'hello', clock);
    const [claimed] = store.outbox.claimDue(clock, 60_000, 10); // the process "dies" holding this lease
    expect(store.outbox.get(claimed!.id)!.status).toBe('sending');
    let sawUnknown: boolean | undefined;
    behaviour = async (op) => {
      sawUnknown = op.outcomeUnknown;
      performed.push('attempt');
      return { remoteRef: 'ok' };
    };
    await runner().drain(); // a new process: no need to wait for the lease to run out
    expect(performed).toEqual(['attempt']);
    expect(sawUnknown).toBe(true);
    expect(store.outbox.get(claimed!.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('marks an op as possibly done after an uncertain failure, and not after a certain one', async () => {
    const c = conversation(1);
    const { outboxId } = queueReply(store, ACCOUNT, c, 'hello', clock);
    behaviour = async () => {
      throw new Error('connection refused');
    };
    const r = runner();
    await r.drain();
    expect(store.outbox.get(outboxId)!.outcomeUnknown).toBe(false);
    behaviour = async () => {
      throw new UncertainError('UNREACHABLE', 'connection lost after DATA');
    };
    clock = store.outbox.get(outboxId)!.nextAttemptAt;
    await r.drain();
    expect(store.outbox.get(outboxId)).toMatchObject({ outcomeUnknown: true, lastError: 'connection lost after DATA' });
  });

  it('keeps only the newest pending read-state change of a message', () => {
    const c = conversation(1);
    for (const on of [true, false, true]) {
      store.outbox.enqueueLatest({ id: `op-${on}-${Math.random()}`, kind: SET_FLAG_OP, accountId: ACCOUNT.id, conversationId: c, payload: { key: 'm1:seen:', messageId: 'm1', flag: 'seen', on } }, clock);
    }
    const open = store.outbox.listOpen();
    expect(open).toHaveLength(1);
    expect(open[0]!.payload).toMatchObject({ flag: 'seen', on: true, v: OP_VERSION });
  });

  it('fails ops of an account that no longer exists instead of retrying forever', async () => {
    const c = conversation(1);
    queueReply(store, ACCOUNT, c, 'hello', clock);
    const r = new OutboxRunner(store, new CoreEvents(), () => undefined, { ...defaultRunnerOptions, now: () => clock });
    await r.drain();
    expect(store.outbox.listOpen()[0]).toMatchObject({ status: 'failed', lastError: 'The account for this message no longer exists.' });
  });

  it('refuses to queue a malformed or unknown operation', () => {
    const c = conversation(1);
    const op = (kind: string, payload: object) => () => store.outbox.enqueue({ id: `x-${Math.random()}`, kind, accountId: ACCOUNT.id, conversationId: c, payload }, clock);
    expect(op('message.send', {})).toThrow('Outbox operation "message.send" is malformed');
    expect(op(SET_FLAG_OP, { key: 'k', messageId: 'm', flag: 'bold', on: true })).toThrow(/malformed/);
    expect(op('message.delete-everything', { messageId: 'm' })).toThrow('Unknown outbox operation "message.delete-everything".');
    expect(store.outbox.listOpen()).toEqual([]);
  });

  it('fails, with the reason, an op written by a newer version or damaged on disk; reads one written before versions', async () => {
    const c = conversation(1);
    const newer = queueReply(store, ACCOUNT, c, 'from the future', clock);
    const damaged = queueReply(store, ACCOUNT, c, 'damaged', clock);
    const legacy = queueReply(store, ACCOUNT, conversation(2), 'before versions', clock);
    const rewrite = (id: string, payload: object) => store.db.prepare('UPDATE outbox SET payload_json = ? WHERE id = ?').run(JSON.stringify(payload), id);
    rewrite(newer.outboxId, { messageId: newer.messageId, v: 2 });
    rewrite(damaged.outboxId, { messageid: damaged.messageId, v: 1 });
    rewrite(legacy.outboxId, { messageId: legacy.messageId });
    behaviour = async (op) => {
      const { messageId } = payloadOf(op, SEND_MESSAGE_OP);
      performed.push(store.messages.get(messageId)!.text);
      return { remoteRef: 'ok' };
    };
    await runner().drain();
    expect(performed).toEqual(['before versions']);
    const reasons = Object.fromEntries(store.outbox.listOpen().map((o) => [o.id, [o.status, o.lastError]]));
    expect(reasons[newer.outboxId]).toEqual(['failed', expect.stringContaining('queued by a newer version of the app (payload version 2)')]);
    expect(reasons[damaged.outboxId]).toEqual(['failed', expect.stringContaining('is damaged and cannot be carried out')]);
    expect(store.messages.get(newer.messageId)!.sendState).toBe('failed');
  });
});
