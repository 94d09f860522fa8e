// How far V8 lets a heap grow past what survived its last full collection before collecting it again. The
// default rises with the heap's limit, up to 4× for the 4 GiB a 64-bit process gets; a sync makes garbage fast
// (a 6,000-message first sync allocates about 670 MiB on the main thread), so the main thread's heap held about
// twice its live data in garbage at the sync's peak (110 MiB; 75-80 at 1.25×, in the same time within noise).
// Set once at start by every process that hosts the core (the desktop app's main process, the command line and
// the web host, through headless-profile.ts); V8 flags are process-wide, so the parser thread has it too. Node
// and Electron leave V8's flags writable after start for v8.setFlagsFromString, and V8 reads this one at each
// collection.
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 25;

export function limitHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
