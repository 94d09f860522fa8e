// The out-of-hours auto-reply as a Sieve script (RFC 5228) for the mail server, so it answers while this app is
// closed: `vacation` (RFC 5230) replies at most once per sender per period, `date`/`currentdate` (RFC 5260)
// test the seller's business hours and holidays, and automated mail is left alone (RFC 3834). Pure: the text
// of each language variant is filled in by the caller.
import { offsetText, type BusinessHours } from '../../../shared/domain/business-hours.js';

export interface SieveVariant {
  language: string;
  text: string;
  /** Customers known to write in this language. */
  addresses: string[];
  /** Country domains whose writers mostly use it (de, at for German). */
  countryDomains: string[];
}

export interface SieveAutoReplyInput {
  hours: BusinessHours;
  /** The zone's UTC offset (minutes) the script is written for; Sieve's :zone takes a fixed offset. */
  offsetMinutes: number;
  periodDays: number;
  /** The account's own addresses: mail not addressed to one of them is not answered (vacation :addresses). */
  ownAddresses: string[];
  from: { name: string; address: string };
  /** Variants tried in order; the first whose customers or country domains match answers. */
  variants: SieveVariant[];
  /** The text for everyone else. */
  fallback: string;
  /** Domains of marketplace notifications (replies reach no buyer). */
  noticeDomains: string[];
}

/** The script's name on the server. */
export const SIEVE_SCRIPT_NAME = 'crossborder-inbox-auto-reply';
/** vacation's :handle: one reply per sender per period whichever language variant answered. */
const HANDLE = 'crossborder-inbox-auto-reply';

/** A Sieve quoted string: backslash and double quote escaped; UTF-8 and line breaks are allowed inside. */
export function sieveQuote(s: string): string {
  return `"${s.replace(/\r\n?/g, '\n').replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

const list = (items: string[]) => `[${items.map(sieveQuote).join(', ')}]`;

const LOCAL_PARTS_NO_REPLY = ['noreply*', 'no-reply*', 'no_reply*', 'no.reply*', 'donotreply*', 'do-not-reply*', 'do_not_reply*', 'mailer-daemon', 'postmaster', 'bounce', 'bounces'];

function openingTests(hours: BusinessHours, zone: string): string[] {
  const tests: string[] = [];
  hours.days.forEach((openings, weekday) => {
    for (const o of openings) {
      const parts = [`currentdate :zone ${zone} :is "weekday" "${weekday}"`, `currentdate :zone ${zone} :value "ge" "time" "${o.from}:00"`];
      if (o.to !== '24:00') parts.push(`currentdate :zone ${zone} :value "lt" "time" "${o.to}:00"`);
      tests.push(`allof (${parts.join(', ')})`);
    }
  });
  return tests;
}

export function buildSieveScript(input: SieveAutoReplyInput): string {
  const zone = sieveQuote(offsetText(input.offsetMinutes));
  const days = Math.max(1, Math.min(30, Math.round(input.periodDays)));
  const from = input.from.name ? `${input.from.name.replace(/[<>"]/g, '')} <${input.from.address}>` : input.from.address;
  const vacation = (text: string) =>
    `vacation :days ${days} :handle ${sieveQuote(HANDLE)} :addresses ${list(input.ownAddresses)} :from ${sieveQuote(from)} ${sieveQuote(text)};`;

  const out: string[] = [
    '# The out-of-hours auto-reply of Crossborder Inbox. The app writes this script again whenever the rule,',
    '# the business hours or the reply change: edit them in the app, not here.',
    'require ["vacation", "date", "relational"];',
    '',
    '# Automated mail is never answered (RFC 3834): auto-replies, lists, bulk mail, bounces, no-reply senders.',
    `if anyof (allof (exists "auto-submitted", not header :is "auto-submitted" "no"),`,
    '          header :contains "precedence" ["bulk", "list", "junk"],',
    '          exists ["list-id", "list-unsubscribe", "list-post"],',
    '          header :contains "x-auto-response-suppress" ["All", "OOF", "AutoReply"],',
    '          header :contains "content-type" "multipart/report",',
    `          address :localpart :matches ["from", "sender"] ${list(LOCAL_PARTS_NO_REPLY)}${input.noticeDomains.length > 0 ? ',' : ') {'}`,
  ];
  if (input.noticeDomains.length > 0) out.push(`          address :domain :is "from" ${list(input.noticeDomains)}) {`);
  out.push('  stop;', '}', '');

  const opens = openingTests(input.hours, zone);
  if (opens.length > 0) {
    out.push(`# Open ${offsetText(input.offsetMinutes)}: no auto-reply.`);
    const open = `if anyof (${opens.join(',\n          ')}) {\n  stop;\n}`;
    if (input.hours.holidays.length > 0) {
      out.push(`if not currentdate :zone ${zone} :is "date" ${list(input.hours.holidays)} {`, open.replace(/^/gm, '  '), '}');
    } else {
      out.push(open);
    }
    out.push('');
  }

  const byAddress = input.variants.filter((v) => v.addresses.length > 0);
  const byDomain = input.variants.filter((v) => v.countryDomains.length > 0);
  if (byAddress.length > 0) out.push('# Customers whose language is known get their own language.');
  for (const v of byAddress) {
    out.push(`if address :is "from" ${list(v.addresses)} {`, `  ${vacation(v.text)}`, '  stop;', '}');
  }
  if (byDomain.length > 0) out.push('# Else the language of the country the address is from.');
  for (const v of byDomain) {
    out.push(`if address :domain :matches "from" ${list(v.countryDomains.map((d) => `*.${d}`))} {`, `  ${vacation(v.text)}`, '  stop;', '}');
  }
  out.push(vacation(input.fallback), '');
  // Sieve lines (and line breaks inside strings) end in CRLF.
  return out.join('\n').replace(/\r?\n/g, '\r\n');
}
