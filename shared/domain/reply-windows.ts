// How long after a customer's last message a channel lets a business answer (Meta's standard messaging window,
// and the human-agent tag's longer one where the Page has that permission). Shared so the composer can say
// so before the agent writes, and the core picks the same rule when it sends.

export interface ReplyWindow {
  /** Hours after the customer's last message in which any reply is allowed. */
  hours: number;
  /** Days in which a person (not a bot) may still answer with the HUMAN_AGENT tag, where the Page may use it. */
  humanAgentDays: number;
}

export const REPLY_WINDOWS: Partial<Record<string, ReplyWindow>> = {
  messenger: { hours: 24, humanAgentDays: 7 },
  instagram: { hours: 24, humanAgentDays: 7 },
};

export type WindowState =
  | { kind: 'open'; until: number }
  | { kind: 'human-agent'; until: number }
  | { kind: 'closed' };

/** Where a conversation stands, from its channel and the time of the customer's last message. */
export function replyWindowState(channel: string, lastIncomingAt: number | null, now: number, humanAgent: boolean): WindowState | null {
  const w = REPLY_WINDOWS[channel];
  if (!w) return null;
  if (lastIncomingAt === null) return { kind: 'closed' };
  const open = lastIncomingAt + w.hours * 3_600_000;
  if (now < open) return { kind: 'open', until: open };
  const tagged = lastIncomingAt + w.humanAgentDays * 86_400_000;
  if (humanAgent && now < tagged) return { kind: 'human-agent', until: tagged };
  return { kind: 'closed' };
}
