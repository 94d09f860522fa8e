// The one way the window tells the agent something happened — a call that failed, or a change that succeeded —
// as a short notice that goes away by itself. Errors are kept as the core's ApiError and put in words by the view,
// in the language of the moment.
import type { ApiError, Result } from '../../../../shared/domain/types';
import { Store } from '../../app/store';

export type Notice = { kind: 'error'; error: ApiError } | { kind: 'info'; message: string; detail?: string };

/** How long a notice stays on screen. */
export const NOTICE_MS = 8000;

export class NoticeStore extends Store<{ notice: Notice | null }> {
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    super({ notice: null });
  }

  info(message: string, detail?: string): void {
    this.#show({ kind: 'info', message, ...(detail ? { detail } : {}) });
  }

  failed(error: ApiError): void {
    this.#show({ kind: 'error', error });
  }

  /** Whether the call succeeded; when it did not, its error is shown. */
  ok<T>(result: Result<T>): result is { ok: true; value: T } {
    if (!result.ok) this.failed(result.error);
    return result.ok;
  }

  dismiss(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.set({ notice: null });
  }

  #show(notice: Notice): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.dismiss(), NOTICE_MS);
    this.set({ notice });
  }
}
