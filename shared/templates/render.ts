// Canned responses: filling a template's variables and choosing the variant in the customer's language.
// Pure functions, used by the core (inserting a response into a reply) and the renderer (the editor's help and
// the preview's marks), and tested on their own.
import { describeHours, type BusinessHours } from '../domain/business-hours.js';

export interface TemplateContext {
  customerName: string;
  /** The customer's address on the conversation's channel (an e-mail address, a marketplace user ...). */
  customerAddress?: string;
  agentName: string;
  subject: string;
  /** The marketplace order the conversation is about, when known. */
  orderId?: string | null;
  /** The marketplace's name (Amazon, eBay ...), when the conversation came through one. */
  marketplace?: string | null;
  storeName?: string | null;
  storeUrl?: string | null;
  /** A parcel tracking number found in the conversation. */
  trackingNumber?: string | null;
  trackingLink?: string | null;
  /** The account's business hours, for {{hours}} (written in the customer's language). */
  businessHours?: BusinessHours | null;
}

/** The variables a template may use, for the editor's help text. */
export const TEMPLATE_VARIABLES = [
  'greeting',
  'signoff',
  'customer.name',
  'customer.firstName',
  'customer.email',
  'agent.name',
  'store.name',
  'store.url',
  'order.id',
  'order.marketplace',
  'tracking.number',
  'tracking.link',
  'conversation.subject',
  'hours',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** "Lucía Fernández" → "Lucía"; names written without spaces (王磊, 佐藤美咲) are used whole. */
export function firstName(name: string): string {
  const trimmed = name.trim();
  return trimmed.includes(' ') ? trimmed.split(/\s+/)[0]! : trimmed;
}

/**
 * How a shop greets a customer and signs off in each language, with a name and without one: the formal address
 * a shop is expected to use where the language has one (Sie, vous, 様, 님).
 */
const GREETINGS: Record<string, { named: (name: string, first: string) => string; unnamed: string; signoff: string }> = {
  en: { named: (_, f) => `Hi ${f},`, unnamed: 'Hello,', signoff: 'Best regards,' },
  zh: { named: (n) => `${n}您好：`, unnamed: '您好：', signoff: '祝好，' },
  es: { named: (_, f) => `Hola, ${f}:`, unnamed: 'Hola:', signoff: 'Un saludo,' },
  pt: { named: (_, f) => `Olá, ${f},`, unnamed: 'Olá,', signoff: 'Atenciosamente,' },
  de: { named: (n) => `Guten Tag ${n},`, unnamed: 'Guten Tag,', signoff: 'Mit freundlichen Grüßen' },
  fr: { named: (n) => `Bonjour ${n},`, unnamed: 'Bonjour,', signoff: 'Bien cordialement,' },
  it: { named: (n) => `Gentile ${n},`, unnamed: 'Buongiorno,', signoff: 'Cordiali saluti,' },
  nl: { named: (n) => `Beste ${n},`, unnamed: 'Goedendag,', signoff: 'Met vriendelijke groet,' },
  pl: { named: (n) => `Dzień dobry, ${n},`, unnamed: 'Dzień dobry,', signoff: 'Z poważaniem,' },
  ru: { named: (n) => `Здравствуйте, ${n}!`, unnamed: 'Здравствуйте!', signoff: 'С уважением,' },
  uk: { named: (n) => `Добрий день, ${n}!`, unnamed: 'Добрий день!', signoff: 'З повагою,' },
  tr: { named: (n) => `Merhaba ${n},`, unnamed: 'Merhaba,', signoff: 'Saygılarımızla,' },
  ja: { named: (n) => `${n}様`, unnamed: 'お客様', signoff: '何卒よろしくお願いいたします。' },
  ko: { named: (n) => `${n}님, 안녕하세요.`, unnamed: '안녕하세요.', signoff: '감사합니다.' },
  ar: { named: (n) => `مرحباً ${n}،`, unnamed: 'مرحباً،', signoff: 'مع أطيب التحيات،' },
  he: { named: (n) => `שלום ${n},`, unnamed: 'שלום,', signoff: 'בברכה,' },
  th: { named: (n) => `เรียน คุณ${n}`, unnamed: 'เรียน ลูกค้า', signoff: 'ขอแสดงความนับถือ' },
  vi: { named: (n) => `Xin chào ${n},`, unnamed: 'Xin chào,', signoff: 'Trân trọng,' },
  id: { named: (n) => `Halo ${n},`, unnamed: 'Halo,', signoff: 'Salam,' },
  ms: { named: (n) => `Salam ${n},`, unnamed: 'Salam sejahtera,', signoff: 'Yang benar,' },
  sv: { named: (n) => `Hej ${n},`, unnamed: 'Hej,', signoff: 'Med vänliga hälsningar,' },
};

const base = (tag: string) => tag.toLowerCase().split('-')[0]!;

/** The values of every variable for a customer writing in `language`; '' where the conversation has none. */
export function templateValues(ctx: TemplateContext, language: string): Record<TemplateVariable, string> {
  const name = ctx.customerName.trim();
  const first = firstName(name);
  const g = GREETINGS[base(language)] ?? GREETINGS.en!;
  const agent = ctx.agentName.trim();
  return {
    greeting: name ? g.named(name, first) : g.unnamed,
    signoff: agent ? `${g.signoff}\n${agent}` : g.signoff,
    'customer.name': name,
    'customer.firstName': first,
    'customer.email': (ctx.customerAddress ?? '').includes('@') ? ctx.customerAddress!.trim() : '',
    'agent.name': agent,
    'store.name': (ctx.storeName ?? '').trim(),
    'store.url': (ctx.storeUrl ?? '').trim(),
    'order.id': (ctx.orderId ?? '').trim(),
    'order.marketplace': (ctx.marketplace ?? '').trim(),
    'tracking.number': (ctx.trackingNumber ?? '').trim(),
    'tracking.link': (ctx.trackingLink ?? '').trim(),
    'conversation.subject': ctx.subject.trim(),
    hours: ctx.businessHours ? describeHours(ctx.businessHours, language) : '',
  };
}

const VARIABLE = /\{\{\s*([\w.]+)\s*\}\}/g;

/**
 * Replaces {{variable}} placeholders, for a customer writing in `language` (it picks the greeting and sign-off).
 * A variable with no value, or an unknown one, is left as written so the agent sees what still needs filling
 * before sending.
 */
export function renderTemplate(text: string, ctx: TemplateContext, language = 'en'): string {
  const values: Record<string, string> = templateValues(ctx, language);
  return text.replace(VARIABLE, (whole, name: string) => values[name] || whole);
}

/**
 * A template filled for a message the app sends by itself (an auto-reply): no person reads it over, so a variable
 * without a value is left out rather than shown as {{name}}, and the blank it leaves is tidied.
 */
export function renderUnattended(text: string, ctx: TemplateContext, language = 'en'): string {
  const values: Record<string, string> = templateValues(ctx, language);
  const GONE = '\u0000';
  return text
    .replace(VARIABLE, (_whole, name: string) => values[name] || GONE)
    // Only the spaces next to a variable left out go with it ("Order {{order.id}}." → "Order."); a language's
    // own spacing (French "heures :") stays.
    .replace(/[ \t]*\u0000+(?=[,.;:!?，。；：！？)]|$)/gm, '')
    .replace(/^\u0000+[ \t]*/gm, '')
    .replace(/[ \t]*\u0000+[ \t]*/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The variables a template uses that this conversation has no value for (or that do not exist), in order. */
export function missingVariables(text: string, ctx: TemplateContext, language = 'en'): string[] {
  const values: Record<string, string> = templateValues(ctx, language);
  const out: string[] = [];
  for (const m of text.matchAll(VARIABLE)) if (!values[m[1]!] && !out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

/** A rendered text cut where a variable was left unfilled, so a preview can mark those places. */
export function splitUnfilled(text: string): Array<{ text: string; unfilled: boolean }> {
  const parts: Array<{ text: string; unfilled: boolean }> = [];
  let at = 0;
  for (const m of text.matchAll(VARIABLE)) {
    if (m.index! > at) parts.push({ text: text.slice(at, m.index), unfilled: false });
    parts.push({ text: m[0], unfilled: true });
    at = m.index! + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), unfilled: false });
  return parts;
}

/**
 * The variant to use for a customer writing in `language` (a BCP 47 tag such as "es" or "zh-CN"): the exact
 * tag, else the same base language, else English, else the first variant.
 */
export function chooseVariant(variants: Record<string, string>, language: string | null): { language: string; text: string } | null {
  const tags = Object.keys(variants).filter((k) => variants[k]!.trim() !== '');
  if (tags.length === 0) return null;
  const pick =
    (language && exactVariant(variants, language)) ||
    tags.find((t) => base(t) === 'en') ||
    tags[0]!;
  return { language: pick, text: variants[pick]! };
}

/** The variant written for `language` itself (the exact tag, else the same base language), or null. */
export function exactVariant(variants: Record<string, string>, language: string): string | null {
  const tags = Object.keys(variants).filter((k) => variants[k]!.trim() !== '');
  return tags.find((t) => t.toLowerCase() === language.toLowerCase()) ?? tags.find((t) => base(t) === base(language)) ?? null;
}
