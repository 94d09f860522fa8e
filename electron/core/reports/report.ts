// The reports: every figure of the reports screen and `report --json`, from SQL over the local database
// (queries/reports.ts) and, for what customers write about, the newest customer messages of the range.
// A long range is read a week at a time, yielding to the event loop between weeks (and between slices of the
// text analysis), so a year's report over a large profile never stops the sync, the outbox or the agent's
// clicks for more than one week's queries.
import type { Store } from '../db/store.js';
import type { Count, Report, ReportQuery } from '../../../shared/domain/report.js';
import { ReportQuerySchema } from '../../../shared/domain/report.js';
import { addDays, businessMinutesBetween, instantOf, localTime, type BusinessHours } from '../../../shared/domain/business-hours.js';
import { hoursOf } from '../autoreply/auto-reply.js';
import { contentWords, tokensOf, wordFrequencies } from './words.js';
import { topicCounts } from './topics.js';
import { sentimentOf, type Sentiment } from './sentiment.js';

/** Customer messages read for words, topics and sentiment: the newest of the range. */
export const CONTENT_SAMPLE = 2000;
const WEEK = 7 * 24 * 60 * 60 * 1000;
/** How much of the range is read at once: a long range is read in slices of this length. */
const SLICE = WEEK;
/** Lets timers, I/O and other calls run between two slices of a report. */
const breather = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The value at a share (0–1) of sorted numbers, or null for none. */
export function percentile(sorted: number[], share: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return sorted[i]!;
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
const toCounts = (m: Map<string, number>): Count[] => [...m.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
const bump = (m: Map<string, number>, key: string, n = 1) => m.set(key, (m.get(key) ?? 0) + n);

export async function buildReport(store: Store, input: ReportQuery): Promise<Report> {
  const q = ReportQuerySchema.parse(input);
  const timeZone = q.timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  const targetMinutes = q.targetMinutes ?? store.appSettings.get().firstResponseMinutes;
  const filter = {
    from: instantOf(q.from, 0, timeZone),
    to: instantOf(addDays(q.to, 1), 0, timeZone),
    account: q.accountId ?? null,
    channel: q.channel ?? null,
    marketplace: q.marketplace ?? null,
    language: q.language ?? null,
    agent: q.agent ?? null,
  };

  // Volume: quarter-hour buckets in UTC become the zone's days and hours.
  const byDay = new Map<string, number>();
  for (let d = q.from, i = 0; d <= q.to && i < 1100; d = addDays(d, 1), i++) byDay.set(d, 0);
  const byHour = Array<number>(24).fill(0);
  const byChannel = new Map<string, number>();
  const byMarketplace = new Map<string, number>();
  const byLanguage = new Map<string, number>();
  const byUrgency = new Map<string, number>();
  let messages = 0;
  const hoursCache = new Map<string, BusinessHours>();
  const hours = (accountId: string) => {
    let h = hoursCache.get(accountId);
    if (!h) hoursCache.set(accountId, (h = hoursOf(store, accountId)));
    return h;
  };
  const responses: number[] = [];
  const resolutions: number[] = [];
  let resolved = 0;
  let firstContact = 0;
  let begun = 0;
  const automatic = new Map<string, number>();
  const agents = new Map<string, number>();
  for (let start = filter.from; start < filter.to; start += SLICE) {
    if (start > filter.from) await breather();
    const slice = { ...filter, from: start, to: Math.min(filter.to, start + SLICE) };
    for (const r of store.reports.volume(slice)) {
      const t = localTime(r.quarter * 900_000, timeZone);
      bump(byDay, t.date, r.n);
      byHour[Math.floor(t.minutes / 60)]! += r.n;
      bump(byChannel, r.channel, r.n);
      if (r.marketplace) bump(byMarketplace, r.marketplace, r.n);
      bump(byLanguage, r.language ?? 'unknown', r.n);
      bump(byUrgency, r.urgency, r.n);
      messages += r.n;
    }
    // Per conversation begun in the range: response, resolution, first-contact resolution.
    for (const f of store.reports.conversations(slice)) {
      if (f.firstReplyBy !== null) bump(agents, f.firstReplyBy);
      if (filter.agent !== null && f.firstReplyBy !== filter.agent) continue;
      begun++;
      if (f.firstReply !== null) responses.push(businessMinutesBetween(hours(f.accountId), f.firstIn, f.firstReply));
      if (f.status === 'closed') {
        resolved++;
        if (f.closedAt !== null && f.closedAt >= f.firstIn) resolutions.push((f.closedAt - f.firstIn) / 3_600_000);
        if (f.agentReplies === 1 && f.firstReply !== null && (f.returnedAt === null || f.returnedAt > f.firstReply + WEEK)) firstContact++;
      }
    }
    for (const r of store.reports.automatic(slice)) bump(automatic, r.kind, r.n);
  }
  responses.sort((a, b) => a - b);
  resolutions.sort((a, b) => a - b);

  const distribution = [0, 0, 0, 0, 0];
  let answers = 0;
  let sum = 0;
  for (const r of store.reports.csat(filter)) {
    if (r.score >= 1 && r.score <= 5) distribution[r.score - 1]! += r.n;
    answers += r.n;
    sum += r.score * r.n;
  }

  const texts = store.reports.texts(filter, CONTENT_SAMPLE);
  const sentiment = { positive: 0, neutral: 0, negative: 0 };
  const sentimentByLanguage = new Map<string, Record<Sentiment, number>>();
  // Each message split into words once, for both its words and its tone.
  const analysed: Array<(typeof texts)[number] & { tokens: string[]; words: string[] }> = [];
  for (const t of texts) {
    if (analysed.length % 250 === 249) await breather();
    const text = t.text.slice(0, 2000);
    const language = t.language ?? 'en';
    const tokens = tokensOf(text, language);
    analysed.push({ ...t, text, tokens, words: contentWords(tokens, language) });
  }
  for (const t of analysed) {
    const s = sentimentOf(t.text, t.language, t.tokens);
    sentiment[s]++;
    const key = t.language ?? 'unknown';
    let entry = sentimentByLanguage.get(key);
    if (!entry) sentimentByLanguage.set(key, (entry = { positive: 0, neutral: 0, negative: 0 }));
    entry[s]++;
  }

  return {
    query: { from: q.from, to: q.to, timeZone, targetMinutes },
    agents: toCounts(agents),
    volume: {
      messages,
      conversations: begun,
      byDay: [...byDay.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, count]) => ({ key, count })),
      byHour,
      byChannel: toCounts(byChannel),
      byMarketplace: toCounts(byMarketplace),
      byLanguage: toCounts(byLanguage),
      byUrgency: toCounts(byUrgency),
    },
    firstResponse: {
      answered: responses.length,
      unanswered: begun - responses.length,
      medianMinutes: round1(percentile(responses, 0.5)),
      p90Minutes: round1(percentile(responses, 0.9)),
      withinTarget: responses.length > 0 ? responses.filter((m) => m <= targetMinutes).length / responses.length : null,
    },
    resolution: { resolved, medianHours: round1(percentile(resolutions, 0.5)), p90Hours: round1(percentile(resolutions, 0.9)) },
    firstContactResolution: { resolved, firstContact, share: resolved > 0 ? firstContact / resolved : null },
    csat: { answers, average: answers > 0 ? Math.round((sum / answers) * 100) / 100 : null, distribution },
    automatic: { autoReplies: automatic.get('auto-reply') ?? 0, surveys: automatic.get('csat') ?? 0 },
    content: {
      analysed: texts.length,
      words: wordFrequencies(analysed),
      topics: topicCounts(texts),
      sentiment: {
        ...sentiment,
        byLanguage: [...sentimentByLanguage.entries()].sort((a, b) => b[1].positive + b[1].neutral + b[1].negative - (a[1].positive + a[1].neutral + a[1].negative)).map(([language, c]) => ({ language, ...c })),
      },
    },
  };
}
