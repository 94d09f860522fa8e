// Attachment names from hostile senders: what is saved, what may be opened, and how a name is shown.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeFileName } from './ingest.js';
import { isRunnable } from './attachments.js';
import { visibleFileName } from '../../../shared/domain/file-names.js';

describe('saved attachment names', () => {
  it('keeps the real extension when a long name is shortened', () => {
    const name = `${'a'.repeat(116)}.exe.txt`;
    const saved = safeFileName(name);
    expect(saved.length).toBeLessThanOrEqual(120);
    expect(saved.endsWith('.txt')).toBe(true);
    expect(isRunnable(name, saved)).toBe(false);
    // A long name that really is a program stays one, and is caught.
    const program = safeFileName(`${'b'.repeat(200)}.exe`);
    expect(program.endsWith('.exe')).toBe(true);
    expect(isRunnable(program)).toBe(true);
  });

  it('drops separators, hidden controls, leading dots and trailing dots or spaces', () => {
    expect(safeFileName('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoice_fdp.exe');
    expect(safeFileName('setup.exe. . ')).toBe('setup.exe');
    expect(safeFileName('...')).toBe('_');
    expect(safeFileName('')).toBe('attachment');
  });
});

describe('attachments the app never opens itself', () => {
  it('catches programs, scripts and pages a browser would run', () => {
    for (const name of ['a.exe', 'A.JS', 'x.html', 'x.HTM', 'pic.svg', 'page.mht', 'setup.exe.', 'setup.exe  ', 'in\u202Evoice.exe']) {
      expect(isRunnable(name), name).toBe(true);
    }
    for (const name of ['invoice.pdf', 'photo.jpg', 'notes.txt', 'noextension', 'exe']) expect(isRunnable(name), name).toBe(false);
  });

  it('checks every name given: the sender’s and the saved one', () => {
    expect(isRunnable('harmless.txt', 'harmless.exe')).toBe(true);
    expect(isRunnable('harmless.exe', 'harmless.txt')).toBe(true);
  });
});

describe('the kept corpus of hostile names', () => {
  const names = fs.readFileSync(path.resolve(import.meta.dirname, '../../../tests/data/hostile/names.txt'), 'utf8').split('\n').filter(Boolean);

  it('saves each under a short name with no separator, hidden character, leading dot or trailing dot or space', () => {
    expect(names.length).toBeGreaterThanOrEqual(15);
    for (const name of names) {
      const saved = safeFileName(name);
      expect(saved.length, name).toBeGreaterThan(0);
      expect(saved.length, name).toBeLessThanOrEqual(120);
      expect(saved, name).not.toMatch(/[\\/:*?"<>|\u0000-\u001f\u202a-\u202e\u2066-\u2069\u200e\u200f]|^\.|[. ]$/);
    }
  });

  it('never opens a name that is or becomes a program or page when saved', () => {
    for (const name of names) {
      const saved = safeFileName(name);
      if (isRunnable(saved)) expect(isRunnable(name, saved), name).toBe(true);
    }
    for (const name of ['invoice\u202efdp.exe', 'setup.exe.', 'report.pdf\u200f.js', '\u2066safe.txt\u2069.scr', 'page.HTML', 'image.svg']) {
      expect(isRunnable(name, safeFileName(name)), name).toBe(true);
    }
  });
});

describe('names as shown', () => {
  it('writes out bidi overrides and other hidden characters', () => {
    expect(visibleFileName('invoice\u202Efdp.exe')).toBe('invoice<U+202E>fdp.exe');
    expect(visibleFileName('a\u200Fb\u2066c')).toBe('a<U+200F>b<U+2066>c');
    expect(visibleFileName('factura 4471.pdf')).toBe('factura 4471.pdf');
  });
});
