// How a phase of a benchmark run in its own process reports: one line of JSON on stdout and exit 0, or the error
// on stderr and exit 1 (the parent reads the last line of stdout).
export function reportPhase(run: () => Promise<unknown>): void {
  run().then(
    (r) => {
      process.stdout.write(`${JSON.stringify(r)}\n`);
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
