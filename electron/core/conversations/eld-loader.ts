// ELD, the n-gram language detector, with its medium database read from a JSON copy instead of the package's
// 2 MB JavaScript module: evaluating that module costs about 190 MiB of memory and 0.8 s at every start (the
// largest part of a sync's peak memory and of the command line's start); parsing the same data as JSON costs
// about 60 MiB and 0.4 s. The copy is made from the module the first time, kept beside the package in
// node_modules/.cache (named by ELD's version), and any failure to read or write it falls back to the module.
// ELD's version is pinned in package.json: this uses its detector factory, which the package does not export.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { eld as EldInstance } from 'eld/medium';

type Eld = typeof EldInstance;
type Ngrams = Record<string, unknown>;

export async function loadEld(): Promise<Eld> {
  // …/node_modules/eld/src/entries/dynamic.js → …/node_modules/eld
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.resolve('eld'))), '..', '..');
  const fromPackage = (file: string) => import(pathToFileURL(path.join(root, ...file.split('/'))).href);
  const { createEld } = (await fromPackage('src/languageDetector.js')) as { createEld: () => { instance: Eld; loadData: (d: Ngrams) => void } };
  const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const copy = path.join(root, '..', '.cache', 'crossborder-inbox', `eld-medium-${version}.json`);
  let data: Ngrams;
  try {
    data = JSON.parse(fs.readFileSync(copy, 'utf8')) as Ngrams;
  } catch {
    data = ((await fromPackage('src/ngrams/medium.js')) as { ngramsData: Ngrams }).ngramsData;
    try {
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      const tmp = `${copy}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(data));
      fs.renameSync(tmp, copy);
    } catch {
      // A read-only installation: the module is used each time.
    }
  }
  const { instance, loadData } = createEld();
  loadData(data);
  return instance;
}
