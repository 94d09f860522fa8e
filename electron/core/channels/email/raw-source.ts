// The raw bytes of every synced message, kept under the profile (as offline mail clients keep their store),
// so "View source" works offline and a message the parser could not read is never lost.
import fs from 'node:fs';
import path from 'node:path';
import { writePrivateFile } from '../../private-files.js';

const fileOf = (rawDir: string, messageId: string) => path.join(rawDir, messageId.slice(0, 2), `${messageId}.eml`);

export function saveRawSource(rawDir: string, messageId: string, raw: Buffer): void {
  writePrivateFile(fileOf(rawDir, messageId), raw);
}

export function readRawSource(rawDir: string, messageId: string): Buffer | null {
  try {
    return fs.readFileSync(fileOf(rawDir, messageId));
  } catch {
    return null;
  }
}

export function removeRawSource(rawDir: string, messageId: string): void {
  fs.rmSync(fileOf(rawDir, messageId), { force: true });
}
