// Canned responses: filling a template's variables and choosing the variant in the customer's language.
// Pure functions, used by the renderer (preview and insert) and tested on their own.

export interface TemplateContext {
  customerName: string;
  agentName: string;
  subject: string;
  /** The marketplace order the conversation is about, when known. */
  orderId?: string | null;
}

/** The variables a template may use, for the editor's help text. */
export const TEMPLATE_VARIABLES = ['customer.name', 'customer.firstName', 'agent.name', 'conversation.subject', 'order.id'] as const;

/** "Lucía Fernández" → "Lucía"; names written without spaces (王磊, 佐藤美咲) are used whole. */
export function firstName(name: string): string {
  const trimmed = name.trim();
  return trimmed.includes(' ') ? trimmed.split(/\s+/)[0]! : trimmed;
}

/**
 * Replaces {{variable}} placeholders. A variable with no value, or an unknown one, is left as written so the
 * agent sees what still needs filling before sending.
 */
export function renderTemplate(text: string, ctx: TemplateContext): string {
  const values: Record<string, string> = {
    'customer.name': ctx.customerName.trim(),
    'customer.firstName': firstName(ctx.customerName),
    'agent.name': ctx.agentName.trim(),
    'conversation.subject': ctx.subject.trim(),
    'order.id': (ctx.orderId ?? '').trim(),
  };
  return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => values[name] || whole);
}

/**
 * The variant to use for a customer writing in `language` (a BCP 47 tag such as "es" or "zh-CN"): the exact
 * tag, else the same base language, else English, else the first variant.
 */
export function chooseVariant(variants: Record<string, string>, language: string | null): { language: string; text: string } | null {
  const tags = Object.keys(variants).filter((k) => variants[k]!.trim() !== '');
  if (tags.length === 0) return null;
  const base = (tag: string) => tag.toLowerCase().split('-')[0]!;
  const pick =
    (language && tags.find((t) => t.toLowerCase() === language.toLowerCase())) ||
    (language && tags.find((t) => base(t) === base(language))) ||
    tags.find((t) => base(t) === 'en') ||
    tags[0]!;
  return { language: pick, text: variants[pick]! };
}
