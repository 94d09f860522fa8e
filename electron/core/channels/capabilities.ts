// What each channel can do, so the core asks a channel only for what it supports (a Telegram chat has no
// folders or read flags to keep in step; eBay keeps read and archived per conversation; e-mail has no reply
// length limit).
import type { ChannelKind } from '../../../shared/domain/types.js';
import { MAX_TEXT as TELEGRAM_MAX_TEXT } from './telegram/api.js';
import { MAX_TEXT as EBAY_MAX_TEXT } from './ebay/api.js';
import { MAX_TEXT as MELI_MAX_TEXT } from './mercadolibre/api.js';
import { MAX_TEXT as META_MAX_TEXT } from './meta/api.js';

export interface ChannelCapabilities {
  /** Where the provider keeps read state, so marking read here is carried there: per message, per conversation, or nowhere. */
  readState: 'message' | 'conversation' | null;
  /** Stars and tags are kept on the provider too (the outbox carries those changes). */
  flagsAndTags: boolean;
  /** Archive, trash and back to the inbox are kept on the provider too. */
  filing: boolean;
  /** Longest text one outgoing message may carry; longer replies are split (null: no limit). */
  maxTextLength: number | null;
  /** Incoming attachments are kept. */
  attachments: boolean;
  /** After a crash while sending, the provider can be asked whether the message went out (else it is sent again). */
  findSent: boolean;
  /** Rules can be installed on the provider's server, working while this app is closed (e-mail: Sieve over ManageSieve). */
  serverRules: boolean;
}

export const CAPABILITIES: Record<ChannelKind, ChannelCapabilities> = {
  email: { readState: 'message', flagsAndTags: true, filing: true, maxTextLength: null, attachments: true, findSent: true, serverRules: true },
  // The demo's "server" accepts every change at once.
  demo: { readState: 'message', flagsAndTags: true, filing: true, maxTextLength: null, attachments: false, findSent: true, serverRules: false },
  telegram: { readState: null, flagsAndTags: false, filing: false, maxTextLength: TELEGRAM_MAX_TEXT, attachments: true, findSent: false, serverRules: false },
  ebay: { readState: 'conversation', flagsAndTags: false, filing: true, maxTextLength: EBAY_MAX_TEXT, attachments: true, findSent: true, serverRules: false },
  mercadolibre: { readState: 'conversation', flagsAndTags: false, filing: false, maxTextLength: MELI_MAX_TEXT, attachments: true, findSent: true, serverRules: false },
  // Meta's read receipts and folders belong to the Page's inbox apps; the Conversations API only reads.
  messenger: { readState: null, flagsAndTags: false, filing: false, maxTextLength: META_MAX_TEXT.messenger, attachments: true, findSent: true, serverRules: false },
  instagram: { readState: null, flagsAndTags: false, filing: false, maxTextLength: META_MAX_TEXT.instagram, attachments: true, findSent: true, serverRules: false },
};
