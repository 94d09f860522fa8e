// One HTTP request to a provider's API, with the failures every API channel reads the same way: no answer in a
// minute, the host unreachable, or — for a request that sends something — a connection lost after the request
// left, when the provider may have carried it out (an UncertainError: the outbox looks before sending again).
import { CoreError, UncertainError } from '../errors.js';

const UNREACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** A kept-alive connection the server had already closed: nothing reached it. */
const STALE = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

export async function providerFetch(provider: string, url: string, init: RequestInit, sending: boolean, timeoutMs = 60_000): Promise<Response> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    try {
      return await fetch(url, { ...init, signal: timeout });
    } catch (err) {
      // A request that changes nothing is tried once more on a fresh connection (the pooled one had died,
      // e.g. after the provider restarted); one that sends something is not, the outbox looks first instead.
      const code = ((err as Error).cause as { code?: string } | undefined)?.code ?? '';
      if (sending || timeout.aborted || !STALE.has(code)) throw err;
      return await fetch(url, { ...init, signal: timeout });
    }
  } catch (err) {
    const host = new URL(url).host;
    const cause = (err as Error).cause as { code?: string; message?: string } | undefined;
    if (sending && !UNREACHED.has(cause?.code ?? '')) {
      throw new UncertainError('TIMEOUT', `${provider} (${host}) did not confirm the message; it is checked before being sent again.`);
    }
    if (timeout.aborted) throw new CoreError('TIMEOUT', `${provider} (${host}) did not answer in time.`);
    throw new CoreError('UNREACHABLE', `${provider} (${host}) cannot be reached: ${cause?.message ?? (err as Error).message}`);
  }
}
