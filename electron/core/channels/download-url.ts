// Fetching a file a provider lists by address (eBay's and Meta's media): only from a secure address, or from
// the provider's own configured host (a test server), into the file the core asked for.
import fs from 'node:fs';
import path from 'node:path';
import { CoreError, PermanentError } from '../errors.js';

export async function downloadFromProvider(provider: string, address: string, apiUrl: string, file: string): Promise<number> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new PermanentError('INVALID_INPUT', `${provider} gave an attachment address that cannot be read.`);
  }
  if (url.protocol !== 'https:' && url.origin !== new URL(apiUrl).origin) throw new PermanentError('INVALID_INPUT', 'This attachment is not at a secure address and is not fetched.');
  const res = await fetch(url, { signal: AbortSignal.timeout(120_000) }).catch((err: Error) => {
    throw new CoreError('UNREACHABLE', `${provider}'s file server cannot be reached: ${err.message}`);
  });
  if (!res.ok) throw new CoreError(res.status === 404 ? 'NOT_FOUND' : 'TEMPORARY', `${provider}: the file could not be downloaded (HTTP ${res.status}).`);
  const bytes = Buffer.from(await res.arrayBuffer());
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, bytes, { mode: 0o600 });
  return bytes.length;
}
