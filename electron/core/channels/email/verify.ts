// Checks new account settings before anything is saved: logs in to IMAP and SMTP, reporting the first failure.
import type { ServerEndpoint } from '../../../../shared/domain/types.js';
import { classifyMailError, createImapClient, createSmtpTransport } from './client.js';
import type { Credentials } from './credentials.js';

export async function verifyEmailAccount(input: { imap: ServerEndpoint; smtp: ServerEndpoint }, creds: Credentials): Promise<void> {
  const imap = createImapClient(input.imap, creds);
  imap.on('error', () => undefined);
  try {
    await imap.connect();
  } catch (err) {
    imap.close();
    throw classifyMailError(err, 'IMAP', input.imap);
  }
  await imap.logout().catch(() => imap.close());

  const smtp = createSmtpTransport(input.smtp, creds);
  try {
    await smtp.verify();
  } catch (err) {
    throw classifyMailError(err, 'SMTP', input.smtp);
  } finally {
    smtp.close();
  }
}
