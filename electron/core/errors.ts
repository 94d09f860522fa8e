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

/**
 * A transient failure after which the server may nonetheless have done the work (the connection broke after
 * the message was handed over). The op is retried, but only after checking the server for the result.
 */
export class UncertainError extends CoreError {}
