// The renderer's state lives in small stores, one per concern (accounts, thread, outbox, notices, canned
// responses, the conversation list); a view subscribes to the one it shows with `useStore`. A store is plain
// TypeScript over the InboxApi contract, so it is tested without a window.
import { useSyncExternalStore } from 'react';

export class Store<T> {
  #state: T;
  readonly #listeners = new Set<() => void>();

  constructor(initial: T) {
    this.#state = initial;
  }

  /** The current state (the same object until it changes). */
  readonly get = (): T => this.#state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  protected set(next: T): void {
    if (Object.is(next, this.#state)) return;
    this.#state = next;
    for (const listener of [...this.#listeners]) listener();
  }

  protected patch(changes: Partial<T>): void {
    this.set({ ...this.#state, ...changes });
  }
}

/** Re-renders the calling view whenever the store changes. */
export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
