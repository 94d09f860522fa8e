// What each channel can do, so the core asks a channel only for what it supports (a Telegram chat has no
// folders or read flags to keep in step; e-mail has no reply length limit).
import type { ChannelKind } from '../../../shared/domain/types.js';
import { MAX_TEXT as TELEGRAM_MAX_TEXT } from './telegram/api.js';

export interface ChannelCapabilities {
  /** Read, starred, tags and folders are kept on the provider too (the outbox carries those changes). */
  serverState: boolean;
  /** Longest text one outgoing message may carry; longer replies are split (null: no limit). */
  maxTextLength: number | null;
  /** Incoming attachments are kept. */
  attachments: boolean;
  /** After a crash while sending, the provider can be asked whether the message went out (else it is sent again). */
  findSent: boolean;
}

export const CAPABILITIES: Record<ChannelKind, ChannelCapabilities> = {
  email: { serverState: true, maxTextLength: null, attachments: true, findSent: true },
  // The demo's "server" accepts every change at once.
  demo: { serverState: true, maxTextLength: null, attachments: false, findSent: true },
  telegram: { serverState: false, maxTextLength: TELEGRAM_MAX_TEXT, attachments: true, findSent: false },
};
