// The reply box's text, kept per conversation in the core as the agent types (a moment after they stop, and at
// once when they switch conversation or close the window), so nothing typed is lost to a switch, a restart or a
// crash. Opening a conversation brings its draft back.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftMode } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';
import type { OutgoingFile } from './outgoing-files';

/** Typing pauses this long before the draft is written. */
const SAVE_AFTER_MS = 400;

/** The open reply box of each conversation, to put text back into (an undone send). */
const boxes = new Map<string, (text: string) => void>();

/** What an undone e-mail reply carried besides its text: reply all, its copies and its files. */
export interface ReplyExtras {
  replyAll: boolean;
  cc: string[];
  bcc: string[];
  files: OutgoingFile[];
}
/** The open reply form of each conversation, to put an undone reply's extras back into. */
const extrasForms = new Map<string, (extras: ReplyExtras) => void>();
/** Extras of undone replies whose conversation is not open, until its reply form opens (this window only). */
const waitingExtras = new Map<string, ReplyExtras>();

/**
 * Puts an undone reply back: its text as the conversation's draft (kept in the core) and its copies and files in
 * the reply form, shown at once if the conversation is open, else when it is opened next.
 */
export async function restoreDraft(conversationId: string, text: string, extras?: ReplyExtras): Promise<void> {
  await getApi().invoke('drafts.save', { conversationId, text, mode: 'reply' });
  boxes.get(conversationId)?.(text);
  if (!extras || (!extras.replyAll && !extras.cc.length && !extras.bcc.length && !extras.files.length)) return;
  const form = extrasForms.get(conversationId);
  if (form) form(extras);
  else waitingExtras.set(conversationId, extras);
}

/**
 * The reply form of a conversation takes back an undone reply's extras: at once, or when it opens (call after the
 * form has cleared itself for the conversation).
 */
export function useRestoredExtras(conversationId: string | undefined, put: (extras: ReplyExtras) => void): void {
  useEffect(() => {
    if (!conversationId) return;
    const waiting = waitingExtras.get(conversationId);
    waitingExtras.delete(conversationId);
    if (waiting) put(waiting);
    extrasForms.set(conversationId, put);
    return () => {
      if (extrasForms.get(conversationId) === put) extrasForms.delete(conversationId);
    };
  }, [conversationId, put]);
}

export interface DraftState {
  text: string;
  mode: DraftMode;
  setText(text: string): void;
  setMode(mode: DraftMode): void;
}

export function useDraft(conversationId: string | undefined, onError: (message: string) => void): DraftState {
  const [text, setTextState] = useState('');
  const [mode, setModeState] = useState<DraftMode>('reply');
  // What is not yet written, for which conversation.
  const pending = useRef<{ conversationId: string; text: string; mode: DraftMode } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The agent typed in this conversation since it opened (a draft arriving late must not replace that).
  const typed = useRef(false);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const p = pending.current;
    pending.current = null;
    if (!p) return;
    void getApi()
      .invoke('drafts.save', p)
      .then((r) => {
        if (!r.ok) onError(r.error.message);
      });
  }, [onError]);

  const schedule = useCallback(
    (next: { text: string; mode: DraftMode }) => {
      if (!conversationId) return;
      typed.current = true;
      pending.current = { conversationId, ...next };
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, SAVE_AFTER_MS);
    },
    [conversationId, flush],
  );

  // Opening a conversation: write what is pending for the one left, then bring back this one's draft.
  useEffect(() => {
    flush();
    typed.current = false;
    setTextState('');
    setModeState('reply');
    if (!conversationId) return;
    let live = true;
    void getApi()
      .invoke('drafts.get', { conversationId })
      .then((r) => {
        if (!live || typed.current || !r.ok || !r.value) return;
        setTextState(r.value.text);
        setModeState(r.value.mode);
      });
    return () => {
      live = false;
    };
  }, [conversationId]);

  // An undone send puts its text back here.
  useEffect(() => {
    if (!conversationId) return;
    const put = (t: string) => {
      typed.current = true;
      setTextState(t);
      setModeState('reply');
    };
    boxes.set(conversationId, put);
    return () => {
      if (boxes.get(conversationId) === put) boxes.delete(conversationId);
    };
  }, [conversationId]);

  // Closing or reloading the window writes what is pending.
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  const modeRef = useRef(mode);
  modeRef.current = mode;
  const textRef = useRef(text);
  textRef.current = text;
  return {
    text,
    mode,
    setText: (t: string) => {
      setTextState(t);
      schedule({ text: t, mode: modeRef.current });
    },
    setMode: (m: DraftMode) => {
      setModeState(m);
      if (textRef.current.trim()) schedule({ text: textRef.current, mode: m });
    },
  };
}
