// The reports screen and `report --json`: what is asked (a date range in a time zone, filters) and every figure
// shown. Computed by the core from the local database.
import { z } from 'zod';
import { isTimeZone } from './business-hours.js';
import { ChannelKindSchema } from './types.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const ReportQuerySchema = z
  .object({
    /** First and last day, both included, in `timeZone`. */
    from: Day,
    to: Day,
    /** The seller's zone for days and hours; unset: this computer's. */
    timeZone: z.string().min(1).max(64).refine(isTimeZone, 'a time zone such as Asia/Shanghai').optional(),
    accountId: z.string().min(1).optional(),
    channel: ChannelKindSchema.optional(),
    /** A marketplace id (amazon, ebay, etsy, aliexpress, mercadolibre ...). */
    marketplace: z.string().min(1).max(40).optional(),
    language: z.string().regex(/^[a-z]{2,3}$/).optional(),
    /** Conversations whose first reply this person wrote (the name on their replies, else the address). */
    agent: z.string().min(1).max(200).optional(),
    /** The first-response target, in business minutes (unset: the one in settings). */
    targetMinutes: z.number().int().min(1).max(7 * 24 * 60).optional(),
  })
  .strict()
  .refine((q) => q.from <= q.to, 'the range ends before it starts');
export type ReportQuery = z.input<typeof ReportQuerySchema>;

export interface Count {
  key: string;
  count: number;
}

export interface Report {
  query: { from: string; to: string; timeZone: string; targetMinutes: number };
  /** Who wrote the first reply of the range's conversations (for the agent filter), most conversations first. */
  agents: Count[];
  volume: {
    /** Customer messages (automated mail left out). */
    messages: number;
    /** Conversations whose first customer message falls in the range. */
    conversations: number;
    byDay: Count[];
    /** 24 counts, hour 0 to 23 in the zone. */
    byHour: number[];
    byChannel: Count[];
    byMarketplace: Count[];
    byLanguage: Count[];
    /** By the urgency their conversations have now. */
    byUrgency: Count[];
  };
  firstResponse: {
    /** Conversations answered by a person. */
    answered: number;
    unanswered: number;
    /** Business minutes (only the account's business hours count). */
    medianMinutes: number | null;
    p90Minutes: number | null;
    /** Share answered within the target (0–1). */
    withinTarget: number | null;
  };
  resolution: { resolved: number; medianHours: number | null; p90Hours: number | null };
  /** Resolved conversations answered once by a person with no customer return within 7 days. */
  firstContactResolution: { resolved: number; firstContact: number; share: number | null };
  csat: { answers: number; average: number | null; distribution: number[] };
  automatic: { autoReplies: number; surveys: number };
  /** What customers write about, from the newest customer messages of the range. */
  content: {
    analysed: number;
    words: Array<{ language: string; messages: number; words: Count[] }>;
    topics: Count[];
    sentiment: { positive: number; neutral: number; negative: number; byLanguage: Array<{ language: string; positive: number; neutral: number; negative: number }> };
  };
}
