// V8 settings for every process that hosts the core: the desktop app's main process (given to Electron as
// --js-flags), the browser host and the command line (Node flags before the script). They take effect as V8
// starts, so they cannot be set from inside the process; heap-growth.ts sets the one that can.
//   --max-semi-space-size=4: the young generation's two halves at most 4 MiB each instead of 16. A first sync
//   allocates fast (about 670 MiB on the main thread for 6,000 messages), which grows them to their limit within
//   a second: 32 MiB of the sync's peak memory. Measured in pairs with the fetch-and-parse loop
//   (`npm run bench:realworld`'s corpus, three runs each): without the flag 1.14–1.17× its time at 258–261 MiB;
//   4 MiB 1.10–1.18× at 229–234 MiB; 2 MiB 1.19–1.20× at 221–222 MiB (the main thread collects more often);
//   8 MiB 1.14–1.16× at 249–252 MiB. V8's flags are the process's: they also bound the parser thread's young
//   generation, which its resourceLimits already keep at 8 MiB (mail-parse-pool.ts).
//   --max-inlined-bytecode-size-cumulative=230: TurboFan inlines at most a quarter as much bytecode into one
//   function as by default (920). A first sync spends about 3 s of CPU in optimizing compilation (two isolates,
//   the main thread's and the parser thread's, each optimizing its own hot code), on two cores that are otherwise
//   busy; smaller optimized functions compile in less time and run nearly as fast. Four runs of interleaved pairs
//   (`bench/`'s corpus; 5, 6, 6 and 8 rounds): the process's CPU time median 10.3–11.2 s against 11.6–12.3 s
//   without the flag, time against the fetch-and-parse loop median 0.91–0.94× against 0.95–0.98×, the same peak
//   memory. Half the default (460) saved less; no inlining at all, or a smaller limit for single functions too,
//   no more.
export const HOST_V8_FLAGS = ['--max-semi-space-size=4', '--max-inlined-bytecode-size-cumulative=230'];

// What the Node hosts (the browser host, the command line) add, Node's own options:
//   --v8-pool-size=0: V8's background threads (optimizing compilers, concurrent marking and sweeping, parallel
//   scavenges) as many as the machine has cores but one, where Node starts four whatever the machine. A sync keeps
//   two threads busy (fetching and storing, parsing); on two cores those four threads took 4.6 s of CPU during a
//   6,046-message first sync and competed with both: one thread did the same work in 2.7-3.0 s, and the sync
//   took 1.02-1.06× the fetch-and-parse loop's time instead of 1.12-1.14× (three pairs each). Electron's main
//   process sizes its own pool (three threads), which this does not reach.
export const NODE_HOST_FLAGS = [...HOST_V8_FLAGS, '--v8-pool-size=0'];

/** The flags as Electron takes them: one switch (its value the flags, space-separated), read for the main process only from the command line. */
export function electronJsFlags() {
  return `--js-flags=${HOST_V8_FLAGS.join(' ')}`;
}
