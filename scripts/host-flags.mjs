// V8 settings for every process that hosts the core: the desktop app's main process (given to Electron as
// --js-flags), the browser host and the command line (Node flags before the script). They size V8's heap as it
// starts, so they cannot be set from inside the process; heap-growth.ts sets the one that can.
//   --max-semi-space-size=2: the young generation's two halves at most 2 MiB each instead of 16. A first sync
//   allocates fast (about 670 MiB on the main thread for 6,000 messages), which grows them to their limit within
//   a second: 32 MiB of the sync's peak memory. At 2 MiB the sync's peak is 25–35 MiB lower in the same time
//   (`npm run bench:realworld`; 1 MiB was slower, 4 MiB saved 10 MiB less). The parser thread sets its own
//   young generation (mail-parse-pool.ts).
export const HOST_V8_FLAGS = ['--max-semi-space-size=2'];

/** The flags as Electron takes them: one switch, read for the main process only from the command line. */
export function electronJsFlags() {
  return `--js-flags=${HOST_V8_FLAGS.join(' ')}`;
}
