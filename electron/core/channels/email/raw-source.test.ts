// Raw sources written after their batch: readable at once (from memory until the file is on disk), removed for
// good when the message is erased mid-write, and a write that fails is reported, not swallowed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRawSource, removeRawSource, saveRawSources } from './raw-source.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function rawDir(): string {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'inbox-raw-'));
  dirs.push(profile);
  fs.mkdirSync(path.join(profile, 'raw'));
  return path.join(profile, 'raw');
}

describe('raw sources', () => {
  it('are readable while being written and kept on disk, private to the user', async () => {
    const dir = rawDir();
    const items = Array.from({ length: 40 }, (_, i) => ({ messageId: `m${String(i).padStart(3, '0')}x`, raw: Buffer.from(`Subject: ${i}\r\n\r\nbody ${i}`) }));
    const writing = saveRawSources(dir, items);
    expect(readRawSource(dir, 'm007x')?.toString()).toBe('Subject: 7\r\n\r\nbody 7');
    await writing;
    expect(readRawSource(dir, 'm039x')?.toString()).toBe('Subject: 39\r\n\r\nbody 39');
    const file = path.join(dir, 'm0', 'm039x.eml');
    expect(fs.readFileSync(file).toString()).toBe('Subject: 39\r\n\r\nbody 39');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readRawSource(dir, 'nothing')).toBeNull();
  });

  it('a message erased while its source is being written leaves no file behind', async () => {
    const dir = rawDir();
    const writing = saveRawSources(dir, [{ messageId: 'erased1', raw: Buffer.from('private words') }]);
    removeRawSource(dir, 'erased1');
    expect(readRawSource(dir, 'erased1')).toBeNull();
    await writing;
    expect(fs.existsSync(path.join(dir, 'er', 'erased1.eml'))).toBe(false);
    expect(readRawSource(dir, 'erased1')).toBeNull();
  });

  it('reports a write that failed, and never makes a removed profile again', async () => {
    const dir = rawDir();
    await saveRawSources(dir, [{ messageId: 'ab1', raw: Buffer.from('one') }]);
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    await expect(saveRawSources(dir, [{ messageId: 'ab2', raw: Buffer.from('two') }, { messageId: 'cd3', raw: Buffer.from('three') }])).rejects.toMatchObject({ code: 'ENOENT' });
    expect(fs.existsSync(path.dirname(dir))).toBe(false);
  });
});
