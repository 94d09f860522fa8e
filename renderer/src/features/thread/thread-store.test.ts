// The open conversation over the contract: loads what is selected (never a conversation the agent already left),
// closes quietly when it is gone, shows every failed call, and says where a moved conversation went.
import { describe, expect, it } from 'vitest';
import type { ConversationDetail } from '../../../../shared/domain/types';
import { deferred, FakeInboxApi, summary } from '../../app/fake-inbox-api';
import { NoticeStore } from '../notices/notice-store';
import { ThreadStore } from './thread-store';

const detail = (id: string, over: Partial<ConversationDetail['conversation']> = {}): ConversationDetail => ({ conversation: { ...summary(id, 1), ...over }, messages: [], notes: [] });
const settle = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const api = new FakeInboxApi().handle('conversations.get', ({ id }) => ({ ok: true, value: detail(id) }));
  const notices = new NoticeStore();
  return { api, notices, thread: new ThreadStore(api, notices) };
}

describe('the thread store', () => {
  it('opens a conversation, marking it read only when it has unread messages', async () => {
    const { api, thread } = setup();
    api.handle('conversations.markRead', () => ({ ok: true, value: { unreadCount: 0 } as never }));
    thread.open('a', { markRead: true });
    await thread.reload();
    expect(thread.get().detail?.conversation.id).toBe('a');
    thread.open('b');
    await settle();
    expect(api.callsOf('conversations.markRead')).toEqual([{ id: 'a', read: true }]);
  });

  it('keeps the conversation the agent moved on to when an earlier one answers late', async () => {
    const { api, thread } = setup();
    const slow = deferred<void>();
    api.handle('conversations.get', async ({ id }) => {
      if (id === 'a') await slow.promise;
      return { ok: true, value: detail(id) };
    });
    thread.open('a');
    thread.open('b');
    await settle();
    slow.resolve();
    await settle();
    expect(thread.get()).toMatchObject({ selectedId: 'b', detail: { conversation: { id: 'b' } } });
  });

  it('closes quietly when the open conversation no longer exists, and shows any other failure', async () => {
    const { api, notices, thread } = setup();
    thread.open('a');
    await settle();
    api.handle('conversations.get', () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }));
    thread.changed(['a']);
    await settle();
    expect(thread.get()).toEqual({ selectedId: null, detail: null });
    expect(notices.get().notice).toBeNull();

    api.handle('conversations.get', () => ({ ok: false, error: { code: 'INTERNAL', message: 'database is locked' } }));
    thread.open('b');
    await settle();
    expect(notices.get().notice).toEqual({ kind: 'error', error: { code: 'INTERNAL', message: 'database is locked' } });
    notices.dismiss();
  });

  it('reloads on a change only when the open conversation is among those changed', async () => {
    const { api, thread } = setup();
    thread.open('a');
    await settle();
    thread.changed(['x', 'y']);
    thread.changed(['a']);
    thread.changed([]);
    await settle();
    expect(api.callsOf('conversations.get')).toHaveLength(3);
  });

  it('shows a failed star, close or tag change instead of dropping it', async () => {
    const { api, notices, thread } = setup();
    thread.open('a');
    await settle();
    api.handle('conversations.setFlagged', () => ({ ok: false, error: { code: 'UNREACHABLE', message: 'socket hang up' } }));
    thread.toggleFlagged();
    await settle();
    expect(api.callsOf('conversations.setFlagged')).toEqual([{ id: 'a', flagged: true }]);
    expect(notices.get().notice).toMatchObject({ kind: 'error', error: { code: 'UNREACHABLE' } });
    notices.dismiss();
  });

  it('says which mailbox a moved conversation is in now, and nothing when the move failed', async () => {
    const { api, notices, thread } = setup();
    thread.open('a');
    await settle();
    api.handle('conversations.move', (input) => ({ ok: true, value: { mailbox: input.to ?? 'inbox' } }));
    expect(await thread.move({ to: 'archive' })).toBe('archive');
    api.handle('conversations.move', () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'no such folder' } }));
    expect(await thread.move({ folder: 'Orders/2025' })).toBeNull();
    expect(notices.get().notice).toMatchObject({ kind: 'error' });
    notices.dismiss();
  });

  it('replies with the options given and returns what can still be taken back; a refused reply is the form’s error', async () => {
    const { api, thread } = setup();
    api.handle('messages.reply', () => ({ ok: true, value: { messageId: 'm1', outboxId: 'o1', undoUntil: 5000 } as never }));
    thread.open('a');
    await settle();
    const sent = await thread.reply('Hola Lucía', {
      original: { text: '你好', language: 'zh' },
      cc: ['boss@example.test'],
      attachments: [{ fileName: 'label.pdf', contentType: 'application/pdf', dataBase64: 'JVBERi0xLjQ=' }],
    });
    // What Undo puts back: the agent's own words, the copy and the file (its size read from its base64).
    expect(sent).toEqual({
      pending: {
        outboxId: 'o1',
        conversationId: 'a',
        text: '你好',
        extras: { replyAll: false, cc: ['boss@example.test'], bcc: [], files: [{ fileName: 'label.pdf', contentType: 'application/pdf', dataBase64: 'JVBERi0xLjQ=', size: 8 }] },
        until: 5000,
      },
    });
    expect(api.callsOf('messages.reply')).toEqual([
      {
        conversationId: 'a',
        text: 'Hola Lucía',
        undoable: true,
        original: { text: '你好', language: 'zh' },
        cc: ['boss@example.test'],
        attachments: [{ fileName: 'label.pdf', contentType: 'application/pdf', dataBase64: 'JVBERi0xLjQ=' }],
      },
    ]);
    api.handle('messages.reply', () => ({ ok: false, error: { code: 'REPLY_ON_MARKETPLACE', message: 'eBay only' } }));
    expect(await thread.reply('Hi')).toEqual({ error: { code: 'REPLY_ON_MARKETPLACE', message: 'eBay only' } });
  });
});
