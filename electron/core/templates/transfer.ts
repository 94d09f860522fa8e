// Canned responses out of and into the app, to share between computers and colleagues or edit in a
// spreadsheet: JSON (the app's own shape) and CSV (a row per response: name, folder, then a column per language).
// Importing matches responses by folder and name: an existing one gets the imported languages, a new one is
// added; a row that cannot be used is reported with its number and the reason, and the others still count.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { CannedImportResult, CannedResponse } from '../../../shared/domain/types.js';
import { CannedResponseInputSchema } from '../../../shared/domain/types.js';
import type { Store } from '../db/store.js';
import { CoreError } from '../errors.js';
import { newId } from '../ids.js';
import { cannedToSave } from './canned.js';

export type TransferFormat = 'json' | 'csv';
type ImportResult = CannedImportResult;

const TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function exportCanned(list: CannedResponse[], format: TransferFormat): string {
  if (format === 'json') {
    return `${JSON.stringify({ cannedResponses: list.map((c) => ({ name: c.name, folder: c.folder, variants: c.variants, ...(c.review.length ? { review: c.review } : {}) })) }, null, 2)}\n`;
  }
  const languages = [...new Set(list.flatMap((c) => Object.keys(c.variants)))].sort();
  // A byte-order mark, so spreadsheet programs read the file as UTF-8 (Chinese, Arabic ... intact).
  return `\uFEFF${stringify([['name', 'folder', ...languages], ...list.map((c) => [c.name, c.folder, ...languages.map((l) => c.variants[l] ?? '')])])}`;
}

const JsonFile = z.object({ cannedResponses: z.array(z.unknown()) });

/** Candidate responses from a file, each with its row (CSV line or JSON position, from 1). */
function readRows(text: string, format: TransferFormat): Array<{ row: number; value: unknown }> {
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new CoreError('INVALID_INPUT', `This file is not JSON (${(err as Error).message}).`);
    }
    const file = JsonFile.safeParse(Array.isArray(data) ? { cannedResponses: data } : data);
    if (!file.success) throw new CoreError('INVALID_INPUT', 'This JSON file has no "cannedResponses" list.');
    return file.data.cannedResponses.map((value, i) => ({ row: i + 1, value }));
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (err) {
    throw new CoreError('INVALID_INPUT', `This CSV file cannot be read: ${(err as Error).message}`);
  }
  const [header, ...rows] = records;
  const columns = (header ?? []).map((h) => h.trim());
  const nameAt = columns.findIndex((h) => h.toLowerCase() === 'name');
  if (nameAt < 0) throw new CoreError('INVALID_INPUT', 'The CSV file needs a header row with a "name" column, then "folder" and one column per language (en, es, zh ...).');
  const folderAt = columns.findIndex((h) => h.toLowerCase() === 'folder');
  const bad = columns.filter((h, i) => i !== nameAt && i !== folderAt && !TAG.test(h));
  if (bad.length) throw new CoreError('INVALID_INPUT', `These columns are not languages: ${bad.join(', ')} (use tags such as en, es, zh-CN).`);
  return rows.map((r, i) => ({
    row: i + 2,
    value: {
      name: r[nameAt] ?? '',
      folder: folderAt >= 0 ? (r[folderAt] ?? '') : '',
      variants: Object.fromEntries(columns.flatMap((h, j) => (j === nameAt || j === folderAt || !(r[j] ?? '').trim() ? [] : [[h, r[j]!]]))),
    },
  }));
}

export function importCanned(store: Store, text: string, format: TransferFormat, now: number): ImportResult {
  const rows = readRows(text, format);
  const result: ImportResult = { added: 0, updated: 0, skipped: [] };
  store.transaction(() => {
    const key = (folder: string, name: string) => `${folder.toLowerCase()}\u0000${name.toLowerCase()}`;
    const existing = new Map(store.cannedResponses.list().map((c) => [key(c.folder, c.name), c]));
    for (const { row, value } of rows) {
      const parsed = CannedResponseInputSchema.omit({ id: true }).safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        result.skipped.push({ row, reason: `${issue.path.join('.') || 'row'}: ${issue.message}` });
        continue;
      }
      const input = parsed.data;
      const previous = existing.get(key(input.folder, input.name));
      const variants = { ...(previous?.variants ?? {}), ...input.variants };
      const review = [...(previous?.review ?? []).filter((l) => !(l in input.variants)), ...(input.review ?? [])];
      const saved = cannedToSave({ ...input, variants, review }, previous, previous?.id ?? newId(), now);
      store.cannedResponses.save(saved);
      existing.set(key(saved.folder, saved.name), saved);
      if (previous) result.updated += 1;
      else result.added += 1;
    }
  });
  return result;
}
