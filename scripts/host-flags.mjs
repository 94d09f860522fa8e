// V8 settings for every process that hosts the core: the desktop app's main process (given to Electron as
// --js-flags), the browser host and the command line (Node flags before the script). They size V8's heap as it
// starts, so they cannot be set from inside the process; heap-growth.ts sets the one that can.
//   --max-semi-space-size=4: the young generation's two halves at most 4 MiB each instead of 16. A first sync
//   allocates fast (about 670 MiB on the main thread for 6,000 messages), which grows them to their limit within
//   a second: 32 MiB of the sync's peak memory. Measured in pairs with the fetch-and-parse loop
//   (`npm run bench:realworld`'s corpus, three runs each): without the flag 1.14–1.17× its time at 258–261 MiB;
//   4 MiB 1.10–1.18× at 229–234 MiB; 2 MiB 1.19–1.20× at 221–222 MiB (the main thread collects more often);
//   8 MiB 1.14–1.16× at 249–252 MiB. V8's flags are the process's: they also bound the parser thread's young
//   generation, which its resourceLimits already keep at 8 MiB (mail-parse-pool.ts).
export const HOST_V8_FLAGS = ['--max-semi-space-size=4'];

/** The flags as Electron takes them: one switch, read for the main process only from the command line. */
export function electronJsFlags() {
  return `--js-flags=${HOST_V8_FLAGS.join(' ')}`;
}
