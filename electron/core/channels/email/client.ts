// The email transports: an IMAP client (imapflow) and an SMTP transport (nodemailer) built from account
// settings, and the translation of their failures into the error codes the user sees.
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { ServerEndpoint } from '../../../../shared/domain/types.js';
import { CoreError, PermanentError, diskFullError } from '../../errors.js';
import type { Credentials } from './credentials.js';

const CONNECT_TIMEOUT_MS = 20_000;

export function createImapClient(endpoint: ServerEndpoint, creds: Credentials): ImapFlow {
  return new ImapFlow({
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.tls === 'tls',
    doSTARTTLS: endpoint.tls === 'starttls' ? true : endpoint.tls === 'off' ? false : undefined,
    // An access token signs in with SASL XOAUTH2 (or OAUTHBEARER where the server offers it).
    auth: 'accessToken' in creds ? { user: creds.user, accessToken: creds.accessToken } : { user: creds.user, pass: creds.password },
    logger: false,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    // Without this imapflow would let a stale IDLE sit unnoticed behind NAT timeouts.
    maxIdleTime: 5 * 60_000,
    // Enter IDLE a second after the last command (default 15 s), so new mail shows up at once after a sync.
    autoIdleDelay: 1_000,
    // Reopening a folder with its last UIDVALIDITY and MODSEQ then reports only what was expunged since
    // (VANISHED), instead of the app comparing every UID of the folder (RFC 7162).
    qresync: true,
  });
}

export function createSmtpTransport(endpoint: ServerEndpoint, creds: Credentials) {
  return nodemailer.createTransport({
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.tls === 'tls',
    requireTLS: endpoint.tls === 'starttls',
    ignoreTLS: endpoint.tls === 'off',
    auth:
      'accessToken' in creds
        ? { type: 'OAuth2' as const, user: creds.user, accessToken: creds.accessToken }
        : { user: creds.user, pass: creds.password },
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: 60_000,
  });
}

interface TransportErrorFields {
  code?: string;
  errno?: number;
  responseCode?: number;
  response?: string;
  authenticationFailed?: boolean;
  serverResponseCode?: string;
  responseText?: string;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EAI_AGAIN', 'EPIPE', 'NoConnection']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ETIMEOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT']);

/** Classifies an imapflow or nodemailer failure, naming which server (IMAP or SMTP) it came from. */
export function classifyMailError(err: unknown, server: 'IMAP' | 'SMTP', endpoint: ServerEndpoint): CoreError {
  if (err instanceof CoreError) return err;
  const full = diskFullError(err);
  if (full) return full;
  const e = (err ?? {}) as TransportErrorFields & { message?: string; cause?: unknown };
  const where = `${server} ${endpoint.host}:${endpoint.port}`;
  const text = (e.responseText || e.response || e.message || String(err)).trim();
  // nodemailer wraps socket errors as ECONNECTION/ESOCKET and keeps the errno only in the message.
  const errno = /\b(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EAI_AGAIN|EPIPE|ETIMEDOUT)\b/.exec(text)?.[1];
  const code = (e.code === 'ECONNECTION' || e.code === 'ESOCKET') && errno ? errno : (e.code ?? '');
  // 4xx: the server cannot decide now (e.g. its password service is restarting); not a verdict on the password.
  if (e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500) {
    return new CoreError('TEMPORARY', `${where} reported a temporary problem: ${text}`);
  }
  if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED' || code === 'EAUTH') {
    return new CoreError('AUTH_FAILED', `${where} rejected the user name or password: ${text}`);
  }
  if (NETWORK_CODES.has(code)) return new CoreError('UNREACHABLE', `${where} cannot be reached (${code}).`);
  if (TIMEOUT_CODES.has(code) || /timed? ?out/i.test(text)) {
    return new CoreError('TIMEOUT', `${where} did not answer in time.`);
  }
  if (code === 'ETLS' || /^ERR_SSL|^ERR_TLS|CERT|SELF_SIGNED|EPROTO/.test(code) || /ssl|tls|certificate/i.test(text)) {
    return new CoreError('TLS_FAILED', `A secure connection to ${where} failed: ${text}`);
  }
  if (code === 'EENVELOPE' || (e.responseCode !== undefined && e.responseCode >= 500 && e.responseCode < 600)) {
    return new PermanentError('SEND_REJECTED', `${where} refused the message: ${text}`);
  }
  if (code === 'ECONNECTION' || code === 'ESOCKET') return new CoreError('UNREACHABLE', `${where}: ${text}`);
  return new CoreError('INTERNAL', `${where}: ${text}`);
}
