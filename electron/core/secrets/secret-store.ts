// Where account passwords and tokens live. The core only knows this interface; the Electron shell backs it
// with the OS keychain through safeStorage, the CLI and the web host with a file only the user can read.
import fs from 'node:fs';
import path from 'node:path';

export interface SecretStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** Turns a secret into what is written to disk and back. */
export interface SecretCodec {
  /** A short name recorded in the file, so a file written with one codec is never read with another. */
  readonly name: string;
  encode(plain: string): string;
  decode(stored: string): string;
}

/** No encryption: the file's permissions (0600, in a 0700 folder) are the protection. */
export const plainCodec: SecretCodec = {
  name: 'plain',
  encode: (plain) => plain,
  decode: (stored) => stored,
};

interface SecretFile {
  codec: string;
  entries: Record<string, string>;
}

/** Secrets in one JSON file, written atomically (temp file + rename) with mode 0600. */
export class FileSecretStore implements SecretStore {
  private entries: Record<string, string>;

  /**
   * @param upgradeFrom codecs an existing file may have been written with; its secrets are read with that one
   *   and written again with `codec` (e.g. a plain file once a keychain is available).
   */
  constructor(
    private readonly file: string,
    private readonly codec: SecretCodec = plainCodec,
    private readonly upgradeFrom: SecretCodec[] = [],
  ) {
    this.entries = this.load();
  }

  get(key: string): string | undefined {
    const stored = this.entries[key];
    return stored === undefined ? undefined : this.codec.decode(stored);
  }

  set(key: string, value: string): void {
    this.entries[key] = this.codec.encode(value);
    this.save();
  }

  delete(key: string): void {
    if (!(key in this.entries)) return;
    delete this.entries[key];
    this.save();
  }

  private load(): Record<string, string> {
    let raw: string;
    try {
      raw = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    const parsed = JSON.parse(raw) as SecretFile;
    if (parsed.codec === this.codec.name) return parsed.entries ?? {};
    const older = this.upgradeFrom.find((c) => c.name === parsed.codec);
    if (!older) {
      throw new Error(
        `The passwords in ${this.file} are protected with "${parsed.codec}", which is not available now ("${this.codec.name}" is): ` +
          'unlock or start the keychain they were stored with, or sign in to each account again.',
      );
    }
    this.entries = Object.fromEntries(Object.entries(parsed.entries ?? {}).map(([k, v]) => [k, this.codec.encode(older.decode(v))]));
    this.save();
    return this.entries;
  }

  private save(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const body: SecretFile = { codec: this.codec.name, entries: this.entries };
    // Flushed to the disk before it replaces the old file: a rotated token (Mercado Libre's refresh tokens are
    // single-use) must survive a crash or a power cut the moment this returns.
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(body, null, 2));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    try {
      const dir = fs.openSync(path.dirname(this.file), 'r');
      try {
        fs.fsyncSync(dir);
      } finally {
        fs.closeSync(dir);
      }
    } catch {
      // Some file systems (and Windows) do not sync a directory; the rename is still atomic.
    }
  }
}
