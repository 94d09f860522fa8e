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

/**
 * A full disk, whether a file write (ENOSPC) or SQLite (SQLITE_FULL) ran into it: nothing half-written is kept,
 * and the work is tried again once there is room.
 */
export function diskFullError(err: unknown): CoreError | null {
  const e = (err ?? {}) as { code?: string; message?: string };
  if (e.code === 'ENOSPC' || e.code === 'SQLITE_FULL' || /\bENOSPC\b|database or disk is full/i.test(e.message ?? '')) {
    return new CoreError('DISK_FULL', `The disk is full (${e.message ?? e.code}). Free some space; nothing was lost, and the app continues when there is room.`);
  }
  return null;
}
