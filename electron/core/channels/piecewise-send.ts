// Sending one reply as pieces on channels that cap a message's length, each piece exactly once as far as the
// provider lets us check: every piece sent is recorded (with the provider's id for it) the moment the provider
// confirms it, so a retry sends only what is left; when an attempt may have reached the provider without an
// answer (a crash, a dropped connection), the provider is asked first whether the piece is already there.
import type { Store } from '../db/store.js';

const sentPieces = (messageId: string) => `sent-pieces:${messageId}`;
const sentByUs = (remoteId: string) => `sent:${remoteId}`;

export interface PiecewiseSend {
  store: Store;
  accountId: string;
  /** The local outgoing message. */
  messageId: string;
  pieces: string[];
  /** An earlier attempt's outcome is unknown: look for each piece before sending it. */
  outcomeUnknown: boolean;
  /** The provider's id of a piece already there (ours, this text, since the reply was queued), or null. */
  findSent: ((piece: string) => Promise<string | null>) | null;
  /** Sends one piece (its index in the reply); returns the provider's id for it. */
  send: (piece: string, index: number) => Promise<string>;
}

/** Sends what is left of the reply; returns the provider's id of the last piece. */
export async function sendInPieces(o: PiecewiseSend): Promise<string | null> {
  const { store, accountId } = o;
  let done = Number(store.cursors.get(accountId, sentPieces(o.messageId)) ?? 0);
  let last: string | null = null;
  for (; done < o.pieces.length; done++) {
    const piece = o.pieces[done]!;
    const already = o.outcomeUnknown && o.findSent ? await o.findSent(piece) : null;
    const id = already ?? (await o.send(piece, done));
    last = id;
    store.transaction(() => {
      store.cursors.set(accountId, sentByUs(id), o.messageId);
      store.cursors.set(accountId, sentPieces(o.messageId), String(done + 1));
    });
  }
  return last;
}

/** Whether a message the provider lists as ours was sent from this app (it is in the thread already). */
export function sentFromHere(store: Store, accountId: string, remoteId: string): boolean {
  return store.cursors.get(accountId, sentByUs(remoteId)) !== null;
}

/**
 * The pieces of replies in a conversation that are being sent or wait to be: one of them read back from the
 * provider before its send is recorded is ours, not a new message.
 */
export function piecesOnTheirWay(store: Store, conversationId: string, split: (text: string) => string[]): Set<string> {
  const pieces = new Set<string>();
  for (const m of store.messages.listForConversation(conversationId)) {
    if (m.direction === 'out' && (m.sendState === 'sending' || m.sendState === 'queued')) for (const p of split(m.text)) pieces.add(p);
  }
  return pieces;
}
