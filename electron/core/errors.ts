// Errors the core reports to the user: a stable code the UI translates, and the underlying detail.
import type { ErrorCode } from '../../shared/domain/types.js';

export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

/** An outbox op that retrying cannot fix (a rejected recipient, a deleted conversation). */
export class PermanentError extends CoreError {}
