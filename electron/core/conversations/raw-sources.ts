// The raw bytes of every synced message, kept under the profile (as offline mail clients keep their store),
// so "View source" works offline and a message the parser could not read is never lost.
//
// They are appended to pack files (raw/pack-<n>.raw, up to PACK_LIMIT each) rather than kept a file per message:
// creating 6,000 small files took a first sync 0.9–1.8 s of kernel time on the machine's two cores, one write
// per batch takes a tenth of that. Where each message lies is a row of `raw_sources`, inserted in the transaction
// that stores the message; its bytes are written once that transaction has committed, while the next batch is
// parsed, and until then they are read from memory. Every record starts with its message id and length, so a
// record that never reached the disk (the app stopped between the commit and the write) reads as missing, never
// as another message's bytes. A removed message's bytes are overwritten with zeros at once (an erased
// customer's mail must not stay readable in a pack), and a pack none of whose messages are left is deleted.
// Messages stored before packs existed keep their own files, raw/<two characters>/<id>.eml.
import fs from 'node:fs';
import path from 'node:path';
import type { RawSourcePlace } from '../db/queries/raw-sources.js';

/** A pack is closed for new records at this size. */
export const PACK_LIMIT = 64 * 1024 * 1024;
const MAGIC = Buffer.from('RAW1');
/** MAGIC, the id's length (u16), the source's length (u32), then the id. */
const headerLength = (idBytes: number) => 4 + 2 + 4 + idBytes;

interface PlaceIndex {
  place(messageId: string, at: RawSourcePlace): void;
  get(messageId: string): RawSourcePlace | undefined;
  remove(messageId: string): void;
  packUsed(pack: number): boolean;
}

/** Messages placed in one transaction, to be written once it has committed. */
export interface PlacedSources {
  pack: number;
  offset: number;
  /** Each record's header, then its source, in the order they lie in the pack. */
  records: Buffer[];
  places: Array<{ messageId: string; at: RawSourcePlace; raw: Buffer }>;
}

export class RawSources {
  /** The pack records are appended to, and where the next one goes; found at the first write of this run. */
  private current: { pack: number; end: number } | null = null;
  /** Sources placed but not yet on disk (null: removed meanwhile; zeroed once written). */
  private readonly unwritten = new Map<string, Buffer | null>();
  /** Writes in progress (a closing core waits for them), and the packs they go to (never deleted meanwhile). */
  private readonly writing = new Set<Promise<void>>();
  private readonly packsBeingWritten = new Map<number, number>();
  /** Found at the first removal: whether any per-message files are left to remove. */
  private ownFiles: boolean | null = null;

  constructor(
    readonly dir: string,
    private readonly index: PlaceIndex,
  ) {}

  private packFile(pack: number): string {
    return path.join(this.dir, `pack-${pack}.raw`);
  }

  /**
   * Gives each message's source its place in a pack and records it, in the caller's transaction (so a message
   * is never stored without it). Call `write` with the result after the transaction commits.
   */
  place(items: ReadonlyArray<{ messageId: string; raw: Buffer }>): PlacedSources | null {
    if (items.length === 0) return null;
    const records = items.map(({ messageId, raw }) => {
      const id = Buffer.from(messageId, 'utf8');
      const header = Buffer.allocUnsafe(headerLength(id.length));
      MAGIC.copy(header, 0);
      header.writeUInt16BE(id.length, 4);
      header.writeUInt32BE(raw.length, 6);
      id.copy(header, 10);
      return { messageId, header, raw };
    });
    const size = records.reduce((n, r) => n + r.header.length + r.raw.length, 0);
    const start = this.reserve(size);
    let offset = start.offset;
    const places = records.map(({ messageId, header, raw }) => {
      const at = { pack: start.pack, offset, length: raw.length };
      this.index.place(messageId, at);
      offset += header.length + raw.length;
      return { messageId, at, raw };
    });
    return { pack: start.pack, offset: start.offset, records: records.flatMap((r) => [r.header, r.raw]), places };
  }

  /**
   * Writes placed sources to their pack; call it as soon as their transaction has committed (until the write
   * is done they are read from memory). Rejects on failure (a full disk); the sources then read as missing.
   */
  write(placed: PlacedSources | null): Promise<void> {
    if (!placed) return Promise.resolve();
    for (const { messageId, raw } of placed.places) this.unwritten.set(messageId, raw);
    this.packsBeingWritten.set(placed.pack, (this.packsBeingWritten.get(placed.pack) ?? 0) + 1);
    const done = this.writeNow(placed).finally(() => {
      this.writing.delete(done);
      const left = this.packsBeingWritten.get(placed.pack)! - 1;
      if (left > 0) this.packsBeingWritten.set(placed.pack, left);
      else this.packsBeingWritten.delete(placed.pack);
      // Removed while being written: their bytes are zeroed now that they are on disk.
      this.zero(placed.pack, placed.places.filter(({ messageId }) => this.unwritten.get(messageId) === null));
      for (const { messageId } of placed.places) this.unwritten.delete(messageId);
    });
    this.writing.add(done);
    return done;
  }

  private async writeNow(placed: PlacedSources): Promise<void> {
    const handle = await fs.promises.open(this.packFile(placed.pack), 'r+');
    try {
      let position = placed.offset;
      // writev writes what it can; the rest goes in the next call.
      let buffers = placed.records;
      while (buffers.length > 0) {
        const { bytesWritten } = await handle.writev(buffers, position);
        position += bytesWritten;
        buffers = skipBytes(buffers, bytesWritten);
      }
    } finally {
      await handle.close();
    }
  }

  /** A message's raw source, or null when none is kept (written here, a demo, or lost before it was written). */
  read(messageId: string): Buffer | null {
    const held = this.unwritten.get(messageId);
    if (held) return held;
    if (held === null) return null;
    const at = this.index.get(messageId);
    if (!at) return this.readOwnFile(messageId);
    const id = Buffer.from(messageId, 'utf8');
    const headerBytes = headerLength(id.length);
    let fd: number;
    try {
      fd = fs.openSync(this.packFile(at.pack), 'r');
    } catch {
      return null;
    }
    try {
      const record = Buffer.alloc(headerBytes + at.length);
      const got = fs.readSync(fd, record, 0, record.length, at.offset);
      if (got < record.length) return null;
      const intact =
        record.subarray(0, 4).equals(MAGIC) &&
        record.readUInt16BE(4) === id.length &&
        record.readUInt32BE(6) === at.length &&
        record.subarray(10, headerBytes).equals(id);
      return intact ? record.subarray(headerBytes) : null;
    } finally {
      fs.closeSync(fd);
    }
  }

  /**
   * Removes messages' sources for good (an erased customer, a removed account): their bytes in the packs are
   * overwritten with zeros, their places forgotten, and packs left with no message are deleted.
   */
  remove(messageIds: Iterable<string>): void {
    const byPack = new Map<number, Array<{ messageId: string; at: RawSourcePlace }>>();
    for (const messageId of messageIds) {
      if (this.hasOwnFiles()) fs.rmSync(this.ownFile(messageId), { force: true });
      const at = this.index.get(messageId);
      if (!at) continue;
      this.index.remove(messageId);
      const inPack = byPack.get(at.pack) ?? [];
      byPack.set(at.pack, inPack);
      // Still being written: zeroed when the write is done.
      if (this.unwritten.has(messageId)) this.unwritten.set(messageId, null);
      else inPack.push({ messageId, at });
    }
    for (const [pack, records] of byPack) {
      const kept = pack === this.current?.pack || this.packsBeingWritten.has(pack) || this.index.packUsed(pack);
      if (kept) this.zero(pack, records);
      else fs.rmSync(this.packFile(pack), { force: true });
    }
  }

  /** Waits for every write in progress (a closing core). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.writing]);
  }

  /** Overwrites these records of a pack with zeros (as far as they reached the disk). */
  private zero(pack: number, records: ReadonlyArray<{ messageId: string; at: RawSourcePlace }>): void {
    if (records.length === 0) return;
    let fd: number;
    try {
      fd = fs.openSync(this.packFile(pack), 'r+');
    } catch {
      return; // the pack is gone: nothing left to overwrite
    }
    try {
      const size = fs.fstatSync(fd).size;
      for (const { messageId, at } of records) {
        const length = Math.min(headerLength(Buffer.byteLength(messageId, 'utf8')) + at.length, Math.max(0, size - at.offset));
        if (length > 0) fs.writeSync(fd, Buffer.alloc(length), 0, length, at.offset);
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Whether this profile still has sources kept a file per message (synced by versions before packs). */
  private hasOwnFiles(): boolean {
    this.ownFiles ??= fs.existsSync(this.dir) && fs.readdirSync(this.dir, { withFileTypes: true }).some((entry) => entry.isDirectory());
    return this.ownFiles;
  }

  /** Room for `size` bytes: in the pack being filled, or a new one when it is full (or at the first write). */
  private reserve(size: number): { pack: number; offset: number } {
    if (!this.current) {
      // The newest pack is filled further from its end on disk: a record reserved by an earlier run but never
      // written lies at or past that end, and reads as missing whatever is written there later.
      const newest = fs
        .readdirSync(this.dir)
        .map((name) => /^pack-(\d+)\.raw$/.exec(name)?.[1])
        .filter((n): n is string => n !== undefined)
        .map(Number)
        .reduce((max, n) => Math.max(max, n), 0);
      this.current = newest > 0 ? { pack: newest, end: fs.statSync(this.packFile(newest)).size } : this.newPack(1);
    }
    if (this.current.end > 0 && this.current.end + size > PACK_LIMIT) this.current = this.newPack(this.current.pack + 1);
    const offset = this.current.end;
    this.current.end += size;
    return { pack: this.current.pack, offset };
  }

  private newPack(pack: number): { pack: number; end: number } {
    fs.closeSync(fs.openSync(this.packFile(pack), 'wx', 0o600));
    return { pack, end: 0 };
  }

  private ownFile(messageId: string): string {
    return path.join(this.dir, messageId.slice(0, 2), `${messageId}.eml`);
  }

  private readOwnFile(messageId: string): Buffer | null {
    try {
      return fs.readFileSync(this.ownFile(messageId));
    } catch {
      return null;
    }
  }
}

/** The buffers left once the first `bytes` of them are written. */
function skipBytes(buffers: Buffer[], bytes: number): Buffer[] {
  let i = 0;
  while (i < buffers.length && bytes >= buffers[i]!.length) bytes -= buffers[i++]!.length;
  if (i === buffers.length) return [];
  return [buffers[i]!.subarray(bytes), ...buffers.slice(i + 1)];
}
