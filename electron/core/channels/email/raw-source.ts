// The raw bytes of every synced message, kept under the profile (as offline mail clients keep their store),
// so "View source" works offline and a message the parser could not read is never lost.
// A sync writes them after its batch commits, off the main thread (a file created per message took a tenth of
// a first sync's main-thread time inside the write transaction); until a file is on disk its bytes are read
// from memory, so "View source" never misses one.
import fs from 'node:fs';
import path from 'node:path';

const fileOf = (rawDir: string, messageId: string) => path.join(rawDir, messageId.slice(0, 2), `${messageId}.eml`);

/** Files being written: their bytes, or null once the message was removed meanwhile (its file goes too). */
const unwritten = new Map<string, Buffer | null>();
/** Folders already made (one per two-character prefix of the message id). */
const madeDirs = new Set<string>();

async function writeOne(file: string, raw: Buffer): Promise<void> {
  const dir = path.dirname(file);
  // The callback form: the promise form opens a FileHandle per file, twice the main thread's time.
  const write = () =>
    new Promise<void>((resolve, reject) => fs.writeFile(file, raw, { mode: 0o600 }, (err) => (err ? reject(err) : resolve())));
  try {
    if (!madeDirs.has(dir)) {
      // Not recursive: a profile removed meanwhile (a closing test, an erased profile) is not made again.
      await fs.promises.mkdir(dir, { mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') throw err;
      });
      madeDirs.add(dir);
    }
    try {
      await write();
    } catch (err) {
      // The folder went away (its profile removed): made again next time, if its profile is still there.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') madeDirs.delete(dir);
      throw err;
    }
    if (unwritten.get(file) === null) await fs.promises.rm(file, { force: true });
  } finally {
    if (unwritten.get(file) === raw || unwritten.get(file) === null) unwritten.delete(file);
  }
}

/**
 * Writes messages' raw sources (after the transaction that stored them). Resolves once every file is on disk;
 * rejects with the first failure (a full disk) after all were tried.
 */
export async function saveRawSources(rawDir: string, items: ReadonlyArray<{ messageId: string; raw: Buffer }>): Promise<void> {
  const writes = items.map(({ messageId, raw }) => {
    const file = fileOf(rawDir, messageId);
    unwritten.set(file, raw);
    return writeOne(file, raw);
  });
  const failed = (await Promise.allSettled(writes)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export function readRawSource(rawDir: string, messageId: string): Buffer | null {
  const file = fileOf(rawDir, messageId);
  const held = unwritten.get(file);
  if (held) return held;
  if (held === null) return null;
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}

export function removeRawSource(rawDir: string, messageId: string): void {
  const file = fileOf(rawDir, messageId);
  if (unwritten.has(file)) unwritten.set(file, null);
  fs.rmSync(file, { force: true });
}
