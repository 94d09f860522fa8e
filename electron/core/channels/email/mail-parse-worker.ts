// The mail parser's thread: raw bytes in, the core's IncomingMessage out (mapping.ts, unchanged). Parsing is the
// largest cost of a sync; here it runs on the second core while the main thread fetches and stores.
import { parentPort } from 'node:worker_threads';
import { mapRaw } from './mapping.js';
import type { ParseReply, ParseRequest } from './mail-parse-pool.js';

const port = parentPort;
if (!port) throw new Error('mail-parse-worker runs as a worker thread only');

// One message at a time, in the order given: started all at once, mailparser's streams would interleave and
// every answer would come at the end of the batch.
let previous: Promise<void> = Promise.resolve();
port.on('message', (req: ParseRequest) => {
  previous = previous.then(async () => {
    const raw = Buffer.from(req.raw.buffer, req.raw.byteOffset, req.raw.byteLength);
    try {
      port.postMessage({ id: req.id, message: await mapRaw(raw, { ...req.ctx, raw }) } satisfies ParseReply);
    } catch (err) {
      port.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies ParseReply);
    }
  });
});
port.postMessage({ ready: true } satisfies ParseReply);
