// ELD, the n-gram language detector, with its medium database read from a JSON copy instead of the package's
// 2 MB JavaScript module: evaluating that module costs about 190 MiB of memory and 0.8 s at every start (the
// largest part of a sync's peak memory and of the command line's start); parsing the same data as JSON costs
// about 60 MiB and 0.4 s. The copy keeps only the languages the app detects among (38 of ELD's 60: 20 % fewer
// n-grams), numbered by how many n-grams each has: ELD keeps each n-gram's scores in an object indexed by
// language number, which V8 sizes by the highest number in it (34 MiB of heap for the whole database, 23 for
// this copy). Scores of the languages kept are unchanged: ELD adds up each language's own n-gram scores. The
// copy is made from the module the first time, kept beside the package in node_modules/.cache (named by ELD's
// version and the languages), and any failure to read or write it falls back to the module.
// ELD's version is pinned in package.json: this uses its detector factory, which the package does not export.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { eld as EldInstance } from 'eld/medium';

type Eld = typeof EldInstance;
interface Database {
  type: string;
  /** Language number → ISO 639-1 code. */
  languages: Record<string, string>;
  isSubset: boolean;
  /** N-gram → language number → score. */
  ngrams: Record<string, Record<string, number>>;
}

/** The database with only these languages, numbered from the one with the most n-grams. */
export function keepLanguages(data: Database, codes: readonly string[]): Database {
  const wanted = new Set(codes);
  const uses = new Map<string, number>();
  for (const scores of Object.values(data.ngrams)) for (const n in scores) uses.set(n, (uses.get(n) ?? 0) + 1);
  const kept = Object.keys(data.languages)
    .filter((n) => wanted.has(data.languages[n]!))
    .sort((a, b) => (uses.get(b) ?? 0) - (uses.get(a) ?? 0));
  const renumber = new Map(kept.map((old, i) => [old, String(i)]));
  const languages: Record<string, string> = {};
  for (const [old, now] of renumber) languages[now] = data.languages[old]!;
  const ngrams: Database['ngrams'] = {};
  for (const [ngram, scores] of Object.entries(data.ngrams)) {
    let mine: Record<string, number> | null = null;
    for (const n in scores) {
      const now = renumber.get(n);
      if (now !== undefined) (mine ??= {})[now] = scores[n]!;
    }
    if (mine) ngrams[ngram] = mine;
  }
  return { type: data.type, languages, isSubset: true, ngrams };
}

/** ELD over these languages only (ISO 639-1 codes), its database read now. */
export async function loadEld(codes: readonly string[]): Promise<Eld> {
  return (await prepareEld(codes))();
}

/**
 * ELD over these languages only (ISO 639-1 codes): the detector's code now, its database (the copy: 23 MiB of
 * heap, 0.2–0.4 s to read) at the first detection. A process that starts a sync right away would otherwise begin
 * it with that much new memory for the garbage collector to move (about 40 ms of pauses in the first 150 ms,
 * where the inbox's newest mail is stored); one that never detects a language never reads it.
 */
export async function prepareEld(codes: readonly string[]): Promise<() => Eld> {
  // …/node_modules/eld/src/entries/dynamic.js → …/node_modules/eld
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.resolve('eld'))), '..', '..');
  const fromPackage = (file: string) => import(pathToFileURL(path.join(root, ...file.split('/'))).href);
  const { createEld } = (await fromPackage('src/languageDetector.js')) as { createEld: () => { instance: Eld; loadData: (d: Database) => void } };
  const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const languagesKey = createHash('sha256').update([...codes].sort().join(',')).digest('hex').slice(0, 12);
  const copy = path.join(root, '..', '.cache', 'crossborder-inbox', `eld-medium-${version}-${languagesKey}.json`);
  /** The database when there is no copy to read it from (a read-only installation): kept from now on. */
  let kept: Database | null = null;
  if (!fs.existsSync(copy)) {
    const data = keepLanguages(((await fromPackage('src/ngrams/medium.js')) as { ngramsData: Database }).ngramsData, codes);
    try {
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      const tmp = `${copy}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(data));
      fs.renameSync(tmp, copy);
      // Read again from the copy when first needed: objects JSON.parse makes are the compact ones the copy is for.
    } catch {
      kept = data;
    }
  }
  let instance: Eld | null = null;
  return () => {
    if (instance) return instance;
    const eld = createEld();
    let data = kept;
    if (!data) {
      try {
        data = JSON.parse(fs.readFileSync(copy, 'utf8')) as Database;
      } catch (err) {
        // Removed or damaged since: no statistical detection in this process (writing systems still decide).
        console.warn(`language detector: ${(err as Error).message}`);
        data = { type: 'medium', languages: {}, isSubset: true, ngrams: {} };
      }
    }
    eld.loadData(data);
    kept = null;
    instance = eld.instance;
    return instance;
  };
}
