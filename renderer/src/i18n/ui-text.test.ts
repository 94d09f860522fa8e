// Nothing the agent reads bypasses i18next: no words written straight into the markup (text, titles,
// placeholders, labels), and every key the views ask for exists — otherwise a German or Japanese agent sees
// English, or a raw key. Reads the renderer's sources with the TypeScript parser.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { resources } from '../../../shared/locales';

const ROOT = join(import.meta.dirname, '..');
/** Attributes whose text the agent sees or hears. */
const VISIBLE_ATTRIBUTES = new Set(['title', 'placeholder', 'aria-label', 'alt', 'label']);
/**
 * Text that is the same in every language: product and format names, and examples of what to type (a token's
 * shape, a zone name, a model name).
 */
const SAME_IN_EVERY_LANGUAGE = new Set(['CSV', 'JSON', 'DeepL', 'Google Cloud Translation', 'LibreTranslate', '123456789:AA…', 'Europe/Berlin', 'qwen2.5:7b']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** JSX text as the page shows it: entities decoded, whitespace collapsed. */
const shown = (raw: string) => raw.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
const hasWords = (s: string) => /\p{L}/u.test(s) && !SAME_IN_EVERY_LANGUAGE.has(s);

interface Found {
  untranslated: string[];
  keys: Array<{ key: string; where: string }>;
}

function scan(): Found {
  const found: Found = { untranslated: [], keys: [] };
  for (const file of sources(ROOT)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const where = (n: ts.Node) => `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const visit = (n: ts.Node): void => {
      if (ts.isJsxText(n) && hasWords(shown(n.text))) found.untranslated.push(`${where(n)} ${JSON.stringify(shown(n.text))}`);
      if (ts.isJsxAttribute(n) && VISIBLE_ATTRIBUTES.has(n.name.getText()) && n.initializer && ts.isStringLiteral(n.initializer) && hasWords(n.initializer.text))
        found.untranslated.push(`${where(n)} ${n.getText()}`);
      if (ts.isJsxExpression(n) && !ts.isJsxAttribute(n.parent) && n.expression && ts.isStringLiteralLike(n.expression) && hasWords(n.expression.text))
        found.untranslated.push(`${where(n)} ${n.getText()}`);
      // t('some.key', …) and i18n.t('some.key', …) with a literal key.
      if (ts.isCallExpression(n) && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) {
        const callee = n.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
        if (name === 't' && /^[\w-]+(\.[\w-]+)+$/.test(n.arguments[0].text)) found.keys.push({ key: n.arguments[0].text, where: where(n) });
      }
      ts.forEachChild(n, visit);
    };
    visit(source);
  }
  return found;
}

/** Whether English has the key, directly or in plural forms. */
function englishHas(key: string): boolean {
  const find = (path: string) => path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), resources.en.common);
  return typeof find(key) === 'string' || typeof find(`${key}_other`) === 'string';
}

describe('UI text', () => {
  const found = scan();
  it('writes no words into the markup past i18next', () => {
    expect(found.untranslated).toEqual([]);
  });
  it('asks only for keys the locale files have', () => {
    expect(found.keys.length).toBeGreaterThan(300); // the scan reads the views' t() calls
    expect(found.keys.filter((k) => !englishHas(k.key)).map((k) => `${k.where} ${k.key}`)).toEqual([]);
  });
});
