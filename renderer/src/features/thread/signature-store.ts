// The accounts' signatures, from the shared settings, for every reply box (the preview under the text).
import { useAppSettings } from '../settings/settings-store';

/** The signature replies from this account get ('' for none). */
export function useSignature(accountId: string | undefined): string {
  const settings = useAppSettings();
  return accountId ? (settings?.signatures[accountId] ?? '') : '';
}
