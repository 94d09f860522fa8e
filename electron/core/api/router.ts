// The single entry point every transport calls: checks the call name, validates the input against the
// contract's schema, runs the handler, and wraps the outcome in a Result envelope. Nothing throws past here.
import { calls, isCallName, type CallName, type CallOutput } from '../../../shared/ipc/contract.js';
import type { ApiError, Result } from '../../../shared/domain/types.js';
import { CoreError, diskFullError } from '../errors.js';
import type { InboxCore } from '../inbox-core.js';
import { handlers } from './handlers.js';

export type Invoke = (name: unknown, input: unknown) => Promise<Result<unknown>>;

export function createRouter(core: InboxCore): Invoke {
  return async (name, input) => {
    if (!isCallName(name)) return fail({ code: 'NOT_FOUND', message: `Unknown call "${String(name)}".` });
    const parsed = calls[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') || 'input';
      return fail({ code: 'INVALID_INPUT', message: `${where}: ${issue?.message ?? 'invalid'}` });
    }
    try {
      const handler = handlers[name] as (core: InboxCore, input: unknown) => Promise<CallOutput<CallName>>;
      return { ok: true, value: await handler(core, parsed.data) };
    } catch (err) {
      return fail(toApiError(err));
    }
  };
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof CoreError) return { code: err.code, message: err.message };
  const full = diskFullError(err);
  if (full) return { code: full.code, message: full.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}

const fail = (error: ApiError): Result<never> => ({ ok: false, error });
