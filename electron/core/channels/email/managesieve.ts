// A ManageSieve client (RFC 5804): enough to keep one script on a mail server — log in (PLAIN, or OAUTHBEARER /
// XOAUTH2 for OAuth accounts), upload, check, activate, list and delete scripts. Connects with TLS, or upgrades
// with STARTTLS (required unless the account's servers are set to no encryption).
import net from 'node:net';
import tls from 'node:tls';
import { CoreError, PermanentError } from '../../errors.js';
import type { ServerEndpoint } from '../../../../shared/domain/types.js';
import type { Credentials } from './credentials.js';

/** A token of a response line: an atom (OK, NO, ACTIVE ...) or a string (quoted or literal). */
type Token = { atom: string } | { string: string };

export interface SieveResponse {
  status: 'OK' | 'NO' | 'BYE';
  /** The response code in parentheses, e.g. "NONEXISTENT", "ACTIVE", "QUOTA/MAXSIZE". */
  code: string | null;
  text: string;
  /** Lines before the status line. */
  lines: Token[][];
}

export interface SieveScriptInfo {
  name: string;
  active: boolean;
}

const TIMEOUT_MS = 30_000;

/** A ManageSieve string: quoted when it can be, else a non-synchronizing literal. */
function sieveString(s: string): string {
  if (!/[\r\n"\\]/.test(s) && Buffer.byteLength(s) < 1024) return `"${s}"`;
  return `{${Buffer.byteLength(s)}+}\r\n${s}`;
}

/** Reads responses from a byte stream (the parser keeps partial input until a whole response has arrived). */
class ResponseReader {
  private buffer = Buffer.alloc(0);
  private waiting: Array<{ resolve: (r: SieveResponse) => void; reject: (e: Error) => void }> = [];
  private ready: SieveResponse[] = [];
  private failure: Error | null = null;

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (this.buffer.length > 4 * 1024 * 1024) return this.fail(new PermanentError('INVALID_INPUT', 'The ManageSieve server sent an answer too long to be one.'));
    for (;;) {
      const parsed = this.parseResponse();
      if (!parsed) break;
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(parsed);
      else this.ready.push(parsed);
    }
  }

  fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiting.splice(0)) w.reject(err);
  }

  next(): Promise<SieveResponse> {
    const r = this.ready.shift();
    if (r) return Promise.resolve(r);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** One whole response from the buffer (consumed), or null when more bytes are needed. */
  private parseResponse(): SieveResponse | null {
    let pos = 0;
    const lines: Token[][] = [];
    for (;;) {
      const line = this.parseLine(pos);
      if (!line) return null;
      pos = line.end;
      const first = line.tokens[0];
      if (first && 'atom' in first && /^(OK|NO|BYE)$/i.test(first.atom)) {
        this.buffer = this.buffer.subarray(pos);
        let code: string | null = null;
        let text = '';
        for (const t of line.tokens.slice(1)) {
          if ('atom' in t && t.atom.startsWith('(')) code = t.atom.replace(/^\(|\)$/g, '');
          else if ('string' in t) text = t.string;
        }
        return { status: first.atom.toUpperCase() as SieveResponse['status'], code, text, lines };
      }
      lines.push(line.tokens);
    }
  }

  private parseLine(start: number): { tokens: Token[]; end: number } | null {
    const b = this.buffer;
    const tokens: Token[] = [];
    let i = start;
    for (;;) {
      if (i >= b.length) return null;
      const c = b[i]!;
      if (c === 0x20) {
        i++;
      } else if (c === 0x0d || c === 0x0a) {
        if (c === 0x0d && i + 1 >= b.length) return null;
        return { tokens, end: i + (c === 0x0d && b[i + 1] === 0x0a ? 2 : 1) };
      } else if (c === 0x22) {
        // Quoted string: backslash escapes " and \.
        let j = i + 1;
        const out: number[] = [];
        for (;;) {
          if (j >= b.length) return null;
          const d = b[j]!;
          if (d === 0x5c && j + 1 < b.length) {
            out.push(b[j + 1]!);
            j += 2;
          } else if (d === 0x5c) return null;
          else if (d === 0x22) break;
          else {
            out.push(d);
            j++;
          }
        }
        tokens.push({ string: Buffer.from(out).toString('utf8') });
        i = j + 1;
      } else if (c === 0x7b) {
        // Literal: {n} or {n+} CRLF, then n bytes.
        const m = /^\{(\d{1,9})\+?\}\r\n/.exec(b.subarray(i, i + 16).toString('latin1'));
        if (!m) {
          if (b.length - i < 16 && !b.subarray(i).includes(0x0a)) return null;
          throw new PermanentError('INVALID_INPUT', 'The ManageSieve server sent a malformed literal.');
        }
        const n = Number(m[1]);
        const from = i + m[0].length;
        if (b.length < from + n) return null;
        tokens.push({ string: b.subarray(from, from + n).toString('utf8') });
        i = from + n;
      } else if (c === 0x28) {
        // A response code: (WORD) or (WORD "detail"); kept as one atom.
        const close = b.indexOf(0x29, i);
        if (close < 0) return null;
        tokens.push({ atom: b.subarray(i, close + 1).toString('utf8').replace(/\s.*\)$/, ')') });
        i = close + 1;
      } else {
        let j = i;
        while (j < b.length && ![0x20, 0x0d, 0x0a].includes(b[j]!)) j++;
        if (j >= b.length) return null;
        tokens.push({ atom: b.subarray(i, j).toString('latin1') });
        i = j;
      }
    }
  }
}

export class ManageSieveClient {
  private socket: net.Socket | tls.TLSSocket;
  private reader = new ResponseReader();
  /** Capabilities the server announced (upper-case names → value). */
  capabilities = new Map<string, string>();

  private constructor(socket: net.Socket) {
    this.socket = socket;
    this.attach(socket);
  }

  private attach(socket: net.Socket | tls.TLSSocket): void {
    socket.on('data', (d: Buffer) => {
      try {
        this.reader.push(d);
      } catch (err) {
        this.reader.fail(err as Error);
        socket.destroy();
      }
    });
    socket.on('error', (err) => this.reader.fail(err));
    socket.on('close', () => this.reader.fail(new CoreError('UNREACHABLE', 'The ManageSieve server closed the connection.')));
    socket.setTimeout(TIMEOUT_MS, () => {
      this.reader.fail(new CoreError('TIMEOUT', 'The ManageSieve server did not answer in time.'));
      socket.destroy();
    });
  }

  /** Connects, upgrades to TLS where asked (or offered), and logs in. */
  static async connect(endpoint: ServerEndpoint, creds: Credentials): Promise<ManageSieveClient> {
    const where = `ManageSieve ${endpoint.host}:${endpoint.port}`;
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s =
        endpoint.tls === 'tls'
          ? tls.connect({ host: endpoint.host, port: endpoint.port, servername: net.isIP(endpoint.host) ? undefined : endpoint.host })
          : net.connect({ host: endpoint.host, port: endpoint.port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(new CoreError('TIMEOUT', `${where} did not answer in time.`));
      }, TIMEOUT_MS);
      s.once(endpoint.tls === 'tls' ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        resolve(s);
      });
      s.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(err.code === 'ECONNREFUSED' ? new SieveUnavailableError(`${where} refused the connection: the server offers no ManageSieve there.`) : new CoreError('UNREACHABLE', `${where} cannot be reached (${err.code ?? err.message}).`));
      });
    });
    const client = new ManageSieveClient(socket);
    try {
      await client.readCapabilities(await client.reader.next());
      if (endpoint.tls === 'starttls') {
        if (!client.capabilities.has('STARTTLS')) throw new CoreError('TLS_FAILED', `${where} does not offer STARTTLS, so the password would travel unencrypted.`);
        await client.startTls(endpoint);
      }
      await client.authenticate(creds, where);
      return client;
    } catch (err) {
      client.socket.destroy();
      throw err;
    }
  }

  private async readCapabilities(r: SieveResponse): Promise<void> {
    if (r.status !== 'OK') throw new CoreError('UNREACHABLE', `The ManageSieve server is not ready: ${r.text || r.status}.`);
    this.capabilities.clear();
    for (const line of r.lines) {
      const [name, value] = line;
      if (name && 'string' in name) this.capabilities.set(name.string.toUpperCase(), value && 'string' in value ? value.string : '');
    }
  }

  private async startTls(endpoint: ServerEndpoint): Promise<void> {
    const r = await this.command('STARTTLS');
    if (r.status !== 'OK') throw new CoreError('TLS_FAILED', `The ManageSieve server refused STARTTLS: ${r.text}`);
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    plain.setTimeout(0);
    this.reader = new ResponseReader();
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ socket: plain, servername: net.isIP(endpoint.host) ? undefined : endpoint.host }, () => resolve(s));
      s.once('error', (err) => reject(new CoreError('TLS_FAILED', `A secure connection to ManageSieve ${endpoint.host} failed: ${err.message}`)));
    });
    this.socket = secure;
    this.attach(secure);
    // RFC 5804 2.2: the server sends its capabilities again after TLS is established.
    await this.readCapabilities(await this.reader.next());
  }

  private async authenticate(creds: Credentials, where: string): Promise<void> {
    const mechanisms = (this.capabilities.get('SASL') ?? '').toUpperCase().split(/\s+/);
    let mechanism: string;
    let initial: string;
    if ('password' in creds) {
      if (!mechanisms.includes('PLAIN')) throw new PermanentError('AUTH_FAILED', `${where} does not accept password log-in (PLAIN).`);
      mechanism = 'PLAIN';
      initial = Buffer.from(`\0${creds.user}\0${creds.password}`).toString('base64');
    } else if (mechanisms.includes('OAUTHBEARER')) {
      mechanism = 'OAUTHBEARER';
      initial = Buffer.from(`n,a=${creds.user},\x01auth=Bearer ${creds.accessToken}\x01\x01`).toString('base64');
    } else if (mechanisms.includes('XOAUTH2')) {
      mechanism = 'XOAUTH2';
      initial = Buffer.from(`user=${creds.user}\x01auth=Bearer ${creds.accessToken}\x01\x01`).toString('base64');
    } else {
      throw new SieveUnavailableError(`${where} does not accept OAuth sign-in.`);
    }
    const r = await this.command(`AUTHENTICATE "${mechanism}" "${initial}"`);
    if (r.status !== 'OK') throw new CoreError('AUTH_FAILED', `${where} rejected the sign-in: ${r.text || r.status}`);
    // Some servers announce capabilities again after log-in (RFC 5804 2.1 with a security layer); none here.
  }

  private async command(line: string): Promise<SieveResponse> {
    this.socket.write(`${line}\r\n`);
    const r = await this.reader.next();
    if (r.status === 'BYE') throw new CoreError('UNREACHABLE', `The ManageSieve server ended the session: ${r.text}`);
    return r;
  }

  async listScripts(): Promise<SieveScriptInfo[]> {
    const r = await this.command('LISTSCRIPTS');
    if (r.status !== 'OK') throw new CoreError('INTERNAL', `Listing Sieve scripts failed: ${r.text}`);
    return r.lines.flatMap((line) => {
      const [name, flag] = line;
      return name && 'string' in name ? [{ name: name.string, active: !!flag && 'atom' in flag && flag.atom.toUpperCase() === 'ACTIVE' }] : [];
    });
  }

  /** Whether the server would accept the script; the server's explanation when not. */
  async checkScript(script: string): Promise<string | null> {
    const r = await this.command(`CHECKSCRIPT ${sieveString(script)}`);
    return r.status === 'OK' ? null : r.text || 'the server refused the script';
  }

  async putScript(name: string, script: string): Promise<void> {
    const r = await this.command(`PUTSCRIPT ${sieveString(name)} ${sieveString(script)}`);
    if (r.status !== 'OK') {
      throw new PermanentError('INVALID_INPUT', `The mail server refused the auto-reply rule${r.code ? ` (${r.code})` : ''}: ${r.text}`);
    }
  }

  /** Makes a script the active one ("" deactivates every script). */
  async setActive(name: string): Promise<void> {
    const r = await this.command(`SETACTIVE ${sieveString(name)}`);
    if (r.status !== 'OK') throw new CoreError('INTERNAL', `Activating the Sieve script failed: ${r.text}`);
  }

  async deleteScript(name: string): Promise<void> {
    const r = await this.command(`DELETESCRIPT ${sieveString(name)}`);
    if (r.status !== 'OK' && r.code !== 'NONEXISTENT') throw new CoreError('INTERNAL', `Deleting the Sieve script failed: ${r.text}`);
  }

  async getScript(name: string): Promise<string | null> {
    const r = await this.command(`GETSCRIPT ${sieveString(name)}`);
    if (r.status !== 'OK') return null;
    const first = r.lines[0]?.[0];
    return first && 'string' in first ? first.string : null;
  }

  async logout(): Promise<void> {
    try {
      this.socket.write('LOGOUT\r\n');
      await this.reader.next().catch(() => undefined);
    } finally {
      this.socket.destroy();
    }
  }
}

/** The server offers no ManageSieve (or not in a way this app can use): the app replies while it runs instead. */
export class SieveUnavailableError extends PermanentError {
  constructor(message: string) {
    super('UNSUPPORTED', message);
  }
}
