// Reads a test mailbox directly over IMAP, as the customer's own mail client would.
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';

export function readMailbox(port: number, user: string, password: string, folder = 'INBOX'): Promise<ParsedMail[]> {
  return withImap(port, user, password, async (client) => {
    const lock = await client.getMailboxLock(folder);
    const out: ParsedMail[] = [];
    try {
      if ((client.mailbox && client.mailbox.exists) === 0) return out;
      for await (const msg of client.fetch('1:*', { source: true })) {
        if (msg.source) out.push(await simpleParser(msg.source));
      }
    } finally {
      lock.release();
    }
    return out;
  });
}

/** Runs `fn` on an IMAP session of this user (another mail client, as far as the app can tell). */
export async function withImap<T>(port: number, user: string, password: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user, pass: password }, logger: false });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout();
  }
}

/** UIDs in a folder matching an IMAP search, e.g. { seen: true }. */
export function searchFolder(port: number, user: string, password: string, folder: string, query: Record<string, unknown>): Promise<number[]> {
  return withImap(port, user, password, async (client) => {
    const lock = await client.getMailboxLock(folder);
    try {
      return ((await client.search(query, { uid: true })) || []) as number[];
    } finally {
      lock.release();
    }
  });
}

export function rfc822(fields: Record<string, string>, body: string): string {
  const headers = Object.entries(fields).map(([k, v]) => `${k}: ${v}`);
  return [...headers, 'MIME-Version: 1.0', '', body].join('\r\n') + '\r\n';
}
