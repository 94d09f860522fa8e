// OAuth sign-ins in progress. Each one listens on a loopback port of its own (RFC 8252 §7.3) for the browser's
// redirect, checks the state it sent, and exchanges the code (with its PKCE verifier) for tokens. The renderer
// opens the authorization URL in the system browser and then waits for the result through the account call.
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { OAuthProvider } from '../../../shared/domain/types.js';
import { CoreError } from '../errors.js';
import { assertSecureEndpoints, authorizationUrl, createPkce, exchangeCode, type OAuthTokens } from './oauth2-client.js';

export interface FinishedSignIn {
  provider: OAuthProvider;
  tokens: OAuthTokens;
}

interface Flow {
  provider: OAuthProvider;
  server: http.Server;
  result: Promise<FinishedSignIn>;
  cancel(reason: string): void;
  timer: NodeJS.Timeout;
}

const CALLBACK_PATH = '/oauth/callback';
/** How long a sign-in may stay open in the browser. */
const FLOW_TIMEOUT_MS = 10 * 60_000;

const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title>` +
  `<body style="font:16px system-ui;margin:3em;max-width:40em"><h1 style="font-size:1.3em">${title}</h1><p>${text}</p></body>`;

export class OAuthFlows {
  private readonly flows = new Map<string, Flow>();

  constructor(private readonly now: () => number) {}

  async begin(provider: OAuthProvider, loginHint?: string): Promise<{ flowId: string; authorizationUrl: string }> {
    assertSecureEndpoints(provider);
    const flowId = crypto.randomUUID();
    const state = crypto.randomBytes(16).toString('base64url');
    const pkce = createPkce();
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}${CALLBACK_PATH}`;

    let settle!: { resolve: (v: FinishedSignIn) => void; reject: (e: Error) => void };
    const result = new Promise<FinishedSignIn>((resolve, reject) => (settle = { resolve, reject }));
    result.catch(() => undefined); // observed by wait(); a flow nobody waits for must not crash the process
    let done = false;
    const finish = (outcome: { tokens: OAuthTokens } | { error: CoreError }) => {
      if (done) return;
      done = true;
      clearTimeout(flow.timer);
      server.close();
      server.closeAllConnections?.();
      if ('tokens' in outcome) settle.resolve({ provider, tokens: outcome.tokens });
      else settle.reject(outcome.error);
    };

    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', redirectUri);
      const send = (status: number, title: string, text: string) => {
        res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(page(title, text));
      };
      if (url.pathname !== CALLBACK_PATH || url.searchParams.get('state') !== state) {
        // Not our redirect (a stray request, or a forged one): keep waiting for the real one.
        send(400, 'Unknown sign-in', 'This page does not belong to a sign-in in progress.');
        return;
      }
      const error = url.searchParams.get('error');
      if (error) {
        send(200, 'Sign-in not completed', 'You can close this tab and return to the app.');
        const cancelled = error === 'access_denied';
        const detail = url.searchParams.get('error_description') ?? error;
        finish({
          error: new CoreError(
            cancelled ? 'SIGN_IN_CANCELLED' : 'AUTH_FAILED',
            cancelled ? 'The sign-in was declined in the browser.' : `The sign-in server refused: ${detail}`,
          ),
        });
        return;
      }
      const code = url.searchParams.get('code');
      if (!code) {
        send(400, 'Sign-in not completed', 'The sign-in server sent no authorization code.');
        finish({ error: new CoreError('AUTH_FAILED', 'The sign-in server sent no authorization code.') });
        return;
      }
      exchangeCode(provider, { code, verifier: pkce.verifier, redirectUri }, this.now()).then(
        (tokens) => {
          send(200, 'Signed in', 'You can close this tab and return to the app.');
          finish({ tokens });
        },
        (err: CoreError) => {
          send(200, 'Sign-in not completed', 'The app could not finish signing in. Return to the app for details.');
          finish({ error: err });
        },
      );
    });

    const flow: Flow = {
      provider,
      server,
      result,
      cancel: (reason) => finish({ error: new CoreError('SIGN_IN_CANCELLED', reason) }),
      timer: setTimeout(() => flow.cancel('The sign-in was not finished in the browser within 10 minutes.'), FLOW_TIMEOUT_MS),
    };
    flow.timer.unref?.();
    this.flows.set(flowId, flow);
    return {
      flowId,
      authorizationUrl: authorizationUrl(provider, { redirectUri, state, challenge: pkce.challenge, loginHint }),
    };
  }

  /** Waits until the user finishes (or abandons) the sign-in; a flow's result is handed out once. */
  async wait(flowId: string): Promise<FinishedSignIn> {
    const flow = this.flows.get(flowId);
    if (!flow) throw new CoreError('NOT_FOUND', 'This sign-in is no longer in progress. Start it again.');
    try {
      return await flow.result;
    } finally {
      this.flows.delete(flowId);
    }
  }

  cancel(flowId: string): boolean {
    const flow = this.flows.get(flowId);
    if (!flow) return false;
    flow.cancel('The sign-in was cancelled.');
    return true;
  }

  cancelAll(): void {
    for (const id of [...this.flows.keys()]) this.cancel(id);
    this.flows.clear();
  }
}
