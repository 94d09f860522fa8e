// Raw sources in pack files: readable at once (from memory until written), read back byte for byte after a
// restart, a record lost between commit and write reads as missing (never as a neighbour's bytes), a removed
// message's bytes overwritten on disk, an emptied pack deleted, and a failed write reported.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/connection.js';
import { createStore, type Store } from '../db/store.js';
import { PACK_LIMIT, RawSources } from './raw-sources.js';
import { filesHolding } from '../../../tests/support/core-fixture.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function profile(): { dir: string; db: Db; store: Store; open: () => RawSources } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-raw-'));
  const db = openDatabase(path.join(root, 'db.sqlite'));
  cleanups.push(() => {
    db.close();
    fs.rmSync(root, { recursive: true, force: true });
  });
  const dir = path.join(root, 'raw');
  fs.mkdirSync(dir);
  const store = createStore(db);
  return { dir, db, store, open: () => new RawSources(dir, store.rawSources) };
}

const mail = (i: number) => ({ messageId: `m${String(i).padStart(3, '0')}x`, raw: Buffer.from(`Subject: ${i}\r\n\r\nbody ${i} ${'é'.repeat(i)}`) });

describe('raw sources', () => {
  it('are readable while being written, and afterwards from one private pack file, also after a restart', async () => {
    const p = profile();
    const raw = p.open();
    const items = Array.from({ length: 40 }, (_, i) => mail(i));
    const placed = p.store.transaction(() => raw.place(items));
    const writing = raw.write(placed);
    expect(raw.read('m007x')?.equals(mail(7).raw)).toBe(true);
    await writing;
    expect(fs.readdirSync(p.dir)).toEqual(['pack-1.raw']);
    expect(fs.statSync(path.join(p.dir, 'pack-1.raw')).mode & 0o777).toBe(0o600);
    const again = p.open();
    for (const i of [0, 7, 39]) expect(again.read(mail(i).messageId)?.equals(mail(i).raw)).toBe(true);
    expect(again.read('nothing')).toBeNull();
    // The next run adds to the same pack, after what is there.
    await again.write(p.store.transaction(() => again.place([mail(40)])));
    expect(fs.readdirSync(p.dir)).toEqual(['pack-1.raw']);
    expect(p.open().read('m040x')?.equals(mail(40).raw)).toBe(true);
    expect(p.open().read('m039x')?.equals(mail(39).raw)).toBe(true);
  });

  it('a source placed but never written (the app stopped in between) reads as missing, even once others are written where it was to go', async () => {
    const p = profile();
    const first = p.open();
    await first.write(p.store.transaction(() => first.place([mail(1)])));
    p.store.transaction(() => first.place([mail(2), mail(3)])); // committed, never written
    const next = p.open();
    await next.write(p.store.transaction(() => next.place([mail(4)])));
    expect(next.read('m002x')).toBeNull();
    expect(next.read('m003x')).toBeNull();
    expect(next.read('m001x')?.equals(mail(1).raw)).toBe(true);
    expect(next.read('m004x')?.equals(mail(4).raw)).toBe(true);
  });

  it('a rolled-back transaction leaves no place behind, and its neighbours are unharmed', async () => {
    const p = profile();
    const raw = p.open();
    expect(() =>
      p.store.transaction(() => {
        raw.place([mail(5)]);
        throw new Error('the batch failed');
      }),
    ).toThrow('the batch failed');
    await raw.write(p.store.transaction(() => raw.place([mail(6)])));
    expect(p.open().read('m005x')).toBeNull();
    expect(p.open().read('m006x')?.equals(mail(6).raw)).toBe(true);
  });

  it('removing overwrites the bytes on disk, keeps the neighbours, and deletes a pack left empty', async () => {
    const p = profile();
    const raw = p.open();
    await raw.write(p.store.transaction(() => raw.place([mail(1), mail(2), mail(3)])));
    raw.remove(['m002x']);
    expect(raw.read('m002x')).toBeNull();
    expect(filesHolding(p.dir, 'body 2 ')).toEqual([]);
    expect(raw.read('m001x')?.equals(mail(1).raw)).toBe(true);
    expect(raw.read('m003x')?.equals(mail(3).raw)).toBe(true);
    // A later run writes to the same pack; once everything in it is removed (by a run that writes elsewhere),
    // the file goes.
    const later = p.open();
    later.remove(['m001x', 'm003x']);
    expect(fs.readdirSync(p.dir)).toEqual([]);
  });

  it('a message removed while its source is being written leaves no readable bytes', async () => {
    const p = profile();
    const raw = p.open();
    const writing = raw.write(p.store.transaction(() => raw.place([{ messageId: 'erased1', raw: Buffer.from('private words') }, mail(9)])));
    raw.remove(['erased1']);
    expect(raw.read('erased1')).toBeNull();
    await writing;
    expect(filesHolding(p.dir, 'private words')).toEqual([]);
    expect(raw.read('erased1')).toBeNull();
    expect(raw.read('m009x')?.equals(mail(9).raw)).toBe(true);
  });

  it('a new pack is begun when one is full', async () => {
    const p = profile();
    const raw = p.open();
    const big = (n: number) => ({ messageId: `big${n}`, raw: Buffer.alloc(PACK_LIMIT / 2 + 1, n) });
    await raw.write(p.store.transaction(() => raw.place([big(1)])));
    await raw.write(p.store.transaction(() => raw.place([big(2)])));
    expect(fs.readdirSync(p.dir).sort()).toEqual(['pack-1.raw', 'pack-2.raw']);
    expect(p.open().read('big1')?.equals(big(1).raw)).toBe(true);
    expect(p.open().read('big2')?.equals(big(2).raw)).toBe(true);
  });

  it('reads and removes sources kept a file per message, as earlier versions did', () => {
    const p = profile();
    fs.mkdirSync(path.join(p.dir, 'ol'));
    fs.writeFileSync(path.join(p.dir, 'ol', 'old1.eml'), 'Subject: from before');
    const raw = p.open();
    expect(raw.read('old1')?.toString()).toBe('Subject: from before');
    raw.remove(['old1']);
    expect(raw.read('old1')).toBeNull();
    expect(fs.existsSync(path.join(p.dir, 'ol', 'old1.eml'))).toBe(false);
  });

  it('reports a write that failed, and never makes a removed profile again', async () => {
    const p = profile();
    const raw = p.open();
    const placed = p.store.transaction(() => raw.place([mail(1)]));
    fs.rmSync(p.dir, { recursive: true, force: true });
    await expect(raw.write(placed)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(fs.existsSync(p.dir)).toBe(false);
    expect(raw.read('m001x')).toBeNull();
  });
});
