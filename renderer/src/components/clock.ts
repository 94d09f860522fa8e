// The time now, for views that count down (a reply's due time): one timer for the whole window, however many
// rows show a countdown, ticking on the minute.
import { useSyncExternalStore } from 'react';

const STEP_MS = 60_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | null = null;

function tick() {
  now = Date.now();
  for (const l of listeners) l();
  timer = setTimeout(tick, STEP_MS - (now % STEP_MS));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setTimeout(tick, STEP_MS - (now % STEP_MS));
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

/** The current time, updated every minute while a component uses it. */
export function useMinuteClock(): number {
  return useSyncExternalStore(subscribe, () => now);
}
