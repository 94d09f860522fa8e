// The snooze choices, in the agent's own time zone.
export type SnoozeChoice = 'later' | 'tomorrow' | 'nextWeek';

export function snoozeUntil(choice: SnoozeChoice, now = new Date()): number {
  const d = new Date(now);
  if (choice === 'later') return now.getTime() + 3 * 3_600_000;
  if (choice === 'tomorrow') {
    d.setDate(d.getDate() + 1);
  } else {
    // Next Monday.
    d.setDate(d.getDate() + (((8 - d.getDay()) % 7) || 7));
  }
  d.setHours(9, 0, 0, 0);
  return d.getTime();
}
