// The renderer's only way to the core: the InboxApi contract. In Electron the preload provides it over IPC;
// in a browser it is HTTP calls plus a WebSocket for events, authorized by the token in the page's URL.
import { HTTP_INVOKE_PREFIX, WS_EVENTS_PATH } from '../../../shared/ipc/channels';
import type {
  CallInput,
  CallName,
  CallOutput,
  EventName,
  Events,
  InboxApi,
} from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/domain/types';

declare global {
  interface Window {
    inbox?: InboxApi;
  }
}

const TOKEN_KEY = 'inbox.token';

function takeToken(): string {
  const m = /(?:^#|&)token=([0-9a-f]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]!);
    // Keep the token out of the address bar and history.
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1]!;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export type ConnectionListener = (connected: boolean) => void;

class HttpApi implements InboxApi {
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private readonly connectionListeners = new Set<ConnectionListener>();
  private socket: WebSocket | null = null;
  private retry = 0;

  constructor(private readonly token: string) {
    this.connect();
  }

  async invoke<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>> {
    try {
      const res = await fetch(`${HTTP_INVOKE_PREFIX}${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify(input),
      });
      return (await res.json()) as Result<CallOutput<K>>;
    } catch (err) {
      return { ok: false, error: { code: 'UNREACHABLE', message: String(err) } };
    }
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  onConnection(listener: ConnectionListener): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  private connect(): void {
    const proto = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${proto}://${window.location.host}${WS_EVENTS_PATH}?token=${this.token}`);
    this.socket = ws;
    ws.onopen = () => {
      this.retry = 0;
      this.connectionListeners.forEach((l) => l(true));
    };
    ws.onmessage = (e) => {
      const { event, payload } = JSON.parse(String(e.data)) as { event: EventName; payload: never };
      this.listeners.get(event)?.forEach((l) => l(payload));
    };
    ws.onclose = () => {
      this.connectionListeners.forEach((l) => l(false));
      const delay = Math.min(10_000, 500 * 2 ** this.retry++);
      setTimeout(() => this.connect(), delay);
    };
  }
}

let api: InboxApi | null = null;

export function getApi(): InboxApi {
  if (!api) api = window.inbox ?? new HttpApi(takeToken());
  return api;
}

/** Whether the transport to the core is up (always true over Electron IPC). */
export function onCoreConnection(listener: ConnectionListener): () => void {
  const a = getApi();
  return a instanceof HttpApi ? a.onConnection(listener) : () => undefined;
}
