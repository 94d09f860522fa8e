// What a customer asks about — where is my order, a return, a refund, damage, customs, size, a cancellation, a
// wrong item, payment — from the phrases in topics.json, per language (all languages' phrases when the
// conversation's language has none).
import data from './topics.json' with { type: 'json' };
import type { Count } from '../../../shared/domain/report.js';

type Rules = Record<string, Record<string, string[]>>;

const compiled = new Map<string, Array<{ topic: string; re: RegExp }>>();
function rulesFor(language: string): Array<{ topic: string; re: RegExp }> {
  let rules = compiled.get(language);
  if (!rules) {
    rules = [];
    for (const [topic, byLanguage] of Object.entries(data.topics as Rules)) {
      const phrases = byLanguage[language] ?? Object.values(byLanguage).flat();
      if (phrases.length > 0) rules.push({ topic, re: new RegExp(phrases.join('|'), 'iu') });
    }
    compiled.set(language, rules);
  }
  return rules;
}

export const TOPICS = Object.keys(data.topics);

/** The topics a text is about. */
export function topicsOf(text: string, language: string | null): string[] {
  const base = language?.split('-')[0] ?? '';
  return rulesFor((data.topics as Rules)['where-is-my-order']![base] ? base : '*').filter((r) => r.re.test(text)).map((r) => r.topic);
}

/** Conversations per topic (a conversation asking about two things counts for both), most asked first. */
export function topicCounts(messages: Array<{ conversationId: string; text: string; language: string | null }>): Count[] {
  const seen = new Map<string, Set<string>>();
  for (const m of messages) {
    for (const topic of topicsOf(m.text.slice(0, 5000), m.language)) {
      let set = seen.get(topic);
      if (!set) seen.set(topic, (set = new Set()));
      set.add(m.conversationId);
    }
  }
  return [...seen.entries()].map(([key, set]) => ({ key, count: set.size })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
