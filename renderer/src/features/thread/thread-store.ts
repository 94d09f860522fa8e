// The open conversation: which one, its messages and notes, and what the agent does to it (read, star, close,
// tag, move, snooze, note, reply). Every failed call is shown through the notices; moves and snoozes say where the
// conversation went so the window can open the next one.
import type { ApiError, ConversationDetail, Mailbox } from '../../../../shared/domain/types';
import type { InboxApi } from '../../../../shared/ipc/contract';
import { Store } from '../../app/store';
import type { NoticeStore } from '../notices/notice-store';
import type { PendingSend } from './UndoSend';
import { fromSent } from './outgoing-files';

export interface ThreadState {
  selectedId: string | null;
  /** The selected conversation as last loaded (null until it arrives, or when nothing is selected). */
  detail: ConversationDetail | null;
}

/** How a reply goes out, beyond its text. */
export interface ReplyOptions {
  translate?: boolean;
  original?: { text: string; language: string };
  /** E-mail: also to the customer message's other recipients; copies and blind copies by address. */
  replyAll?: boolean;
  cc?: string[];
  bcc?: string[];
  /** E-mail: files from disk. */
  attachments?: Array<{ fileName: string; contentType: string; dataBase64: string }>;
}

export class ThreadStore extends Store<ThreadState> {
  constructor(
    private readonly api: InboxApi,
    private readonly notices: NoticeStore,
  ) {
    super({ selectedId: null, detail: null });
  }

  /** Selects a conversation and loads it; an unread one is marked read. */
  open(id: string, { markRead = false } = {}): void {
    this.patch({ selectedId: id });
    void this.reload();
    if (markRead) void this.api.invoke('conversations.markRead', { id, read: true }).then((r) => this.notices.ok(r));
  }

  close(): void {
    this.set({ selectedId: null, detail: null });
  }

  /** Loads the selected conversation again. One that no longer exists (erased, merged away) closes quietly. */
  async reload(): Promise<void> {
    const id = this.get().selectedId;
    if (!id) return;
    const r = await this.api.invoke('conversations.get', { id });
    if (this.get().selectedId !== id) return; // the agent moved on meanwhile
    if (r.ok) this.patch({ detail: r.value });
    else if (r.error.code === 'NOT_FOUND') this.close();
    else this.notices.failed(r.error);
  }

  /** conversations.changed: reloads the open conversation when it is among them ([]: anything may have changed). */
  changed(ids: string[]): void {
    const open = this.get().selectedId;
    if (open && (ids.length === 0 || ids.includes(open))) void this.reload();
  }

  markRead(read: boolean): void {
    this.#call((id) => this.api.invoke('conversations.markRead', { id, read }));
  }

  setFlagged(flagged: boolean): void {
    this.#call((id) => this.api.invoke('conversations.setFlagged', { id, flagged }));
  }

  toggleFlagged(): void {
    const c = this.get().detail?.conversation;
    if (c) this.setFlagged(!c.flagged);
  }

  setStatus(status: 'open' | 'closed'): void {
    this.#call((id) => this.api.invoke('conversations.setStatus', { id, status }));
  }

  toggleStatus(): void {
    const c = this.get().detail?.conversation;
    if (c) this.setStatus(c.status === 'open' ? 'closed' : 'open');
  }

  setTags(tags: string[]): void {
    this.#call((id) => this.api.invoke('conversations.setTags', { id, tags }));
  }

  /** Moves the open conversation to a mailbox or a server folder: the mailbox it is in now, or null if it failed. */
  async move(target: { to: Mailbox } | { folder: string }): Promise<Mailbox | null> {
    const id = this.get().selectedId;
    if (!id) return null;
    const r = await this.api.invoke('conversations.move', { id, ...target });
    return this.notices.ok(r) ? r.value.mailbox : null;
  }

  /** Snoozes the open conversation until a time (null wakes it): whether that worked. */
  async snooze(until: number | null): Promise<boolean> {
    const id = this.get().selectedId;
    if (!id) return false;
    return this.notices.ok(await this.api.invoke('conversations.snooze', { id, until }));
  }

  /** An internal note on the open conversation; its error is the note form's to show. */
  async addNote(text: string): Promise<ApiError | null> {
    const id = this.get().selectedId;
    if (!id) return null;
    const r = await this.api.invoke('notes.add', { conversationId: id, text });
    if (!r.ok) return r.error;
    await this.reload();
    return null;
  }

  /**
   * Replies in the open conversation (held for undo when `undoable`): the reply form's error, or what can still be
   * taken back.
   */
  async reply(text: string, options: ReplyOptions = {}, undoable = true): Promise<{ error: ApiError } | { pending: PendingSend | null }> {
    const id = this.get().selectedId;
    if (!id) return { pending: null };
    const r = await this.api.invoke('messages.reply', {
      conversationId: id,
      text,
      undoable,
      ...(options.translate ? { translate: true } : {}),
      ...(options.original ? { original: options.original } : {}),
      ...(options.replyAll ? { replyAll: true } : {}),
      ...(options.cc ? { cc: options.cc } : {}),
      ...(options.bcc ? { bcc: options.bcc } : {}),
      ...(options.attachments ? { attachments: options.attachments } : {}),
    });
    if (!r.ok) return { error: r.error };
    await this.reload();
    const extras = { replyAll: Boolean(options.replyAll), cc: options.cc ?? [], bcc: options.bcc ?? [], files: fromSent(options.attachments ?? []) };
    const pending = r.value.undoUntil === null ? null : { outboxId: r.value.outboxId, conversationId: id, text: options.original?.text ?? text, extras, until: r.value.undoUntil };
    return { pending };
  }

  /** Sends now, untranslated, a reply that waits for its translation. */
  sendOriginal(messageId: string): void {
    void this.api.invoke('messages.sendOriginal', { messageId }).then((r) => {
      if (this.notices.ok(r)) void this.reload();
    });
  }

  #call(run: (id: string) => Promise<{ ok: boolean; error?: ApiError }>): void {
    const id = this.get().selectedId;
    if (!id) return;
    void run(id).then((r) => {
      if (!r.ok && r.error) this.notices.failed(r.error);
    });
  }
}
