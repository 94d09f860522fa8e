// The app's own OAuth registrations with providers (Google, Microsoft), as whoever distributes the app enters
// them in resources/oauth-clients.json: with them, agents sign in to Gmail or Outlook without ever seeing a
// client ID. Without them (the file as shipped), the add-account form asks for one.
import fs from 'node:fs';
import { z } from 'zod';
import { CoreError } from '../errors.js';

export const OAuthClientsSchema = z.partialRecord(
  z.enum(['gmail', 'outlook', 'yahoo', 'icloud', 'zoho', 'qq', '163']),
  z.object({ clientId: z.string().trim().min(1), clientSecret: z.string().optional() }).strict(),
);
export type OAuthClients = z.infer<typeof OAuthClientsSchema>;

/** Reads the registrations; a missing file means none. A malformed one is an error worth stopping for. */
export function loadOAuthClients(file: string): OAuthClients {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CoreError('INVALID_INPUT', `${file} is not valid JSON: ${(err as Error).message}`);
  }
  const r = OAuthClientsSchema.safeParse(parsed);
  if (!r.success) throw new CoreError('INVALID_INPUT', `${file}: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return r.data;
}
