// The accounts' signatures, read once and shared by every reply box (the preview under the text), updated when
// the agent saves one.
import { useEffect, useState } from 'react';
import { getApi } from '../../api/client';

type Signatures = Record<string, string>;
const listeners = new Set<(s: Signatures) => void>();
let cached: Signatures | null = null;

export function publishSignatures(s: Signatures): void {
  cached = s;
  for (const l of listeners) l(s);
}

/** The signature replies from this account get ('' for none). */
export function useSignature(accountId: string | undefined): string {
  const [all, setAll] = useState<Signatures | null>(cached);
  useEffect(() => {
    listeners.add(setAll);
    if (!cached) {
      void getApi()
        .invoke('settings.get', {})
        .then((r) => r.ok && publishSignatures(r.value.signatures));
    }
    return () => {
      listeners.delete(setAll);
    };
  }, []);
  return accountId ? (all?.[accountId] ?? '') : '';
}
