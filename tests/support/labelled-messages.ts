// The labelled customer messages under tests/data/<set>/messages.tsv (language, label, text; a header line),
// read the same way by every classifier's accuracy test.
import fs from 'node:fs';
import path from 'node:path';

export interface LabelledMessage {
  language: string;
  label: string;
  text: string;
}

export function readLabelledMessages(set: 'sentiment' | 'urgency'): LabelledMessage[] {
  return fs
    .readFileSync(path.resolve(import.meta.dirname, '../data', set, 'messages.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [language, label, text] = line.split('\t') as [string, string, string];
      return { language, label, text };
    });
}
