// A TCP port as a person types it: decimal digits only, 1–65535 (0 only where "any free port" is meant).
// Number() alone would take "1e3", "0x8f" and "" (as 0); those are refused here.

export function parsePort(text: string | undefined, { allowZero = false } = {}): number | null {
  if (text === undefined || !/^\d{1,5}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  if (n > 65535 || (n === 0 && !allowZero)) return null;
  return n;
}
