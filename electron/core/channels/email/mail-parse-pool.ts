// Parses fetched mail on a second thread (mail-parse-worker.ts) while this one fetches and stores: mailparser
// is the largest cost of a first sync, and a machine has at least two cores. The thread is started for work long
// enough to pay for its start (a folder's backfill); until it is started, and whenever it cannot be (a build
// without its file), mail is parsed here. Once it is started, even while it starts up, mail waits for it: parsing
// here meanwhile had both threads' JavaScript engines optimize the parser's code: a first sync on two cores (where
// its time follows its CPU time) took about 3 % more CPU time and 4 % more time, and showed no mail sooner. A
// worker that dies mid-message is restarted, and the messages it held are parsed again one at a time on the new
// one, so a message that kills the parser twice becomes a placeholder (its raw source kept) without taking its
// neighbours with it.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IncomingMessage } from '../../conversations/ingest.js';
import { mapRaw, unreadableMessage, type MappingContext } from './mapping.js';

export interface ParseRequest {
  id: number;
  raw: Uint8Array;
  ctx: Omit<MappingContext, 'raw'>;
}

export type ParseReply = { ready: true } | { id: number; message: IncomingMessage } | { id: number; error: string };

/** How the worker is started: a built file beside this bundle, or code that compiles the TypeScript source. */
export type WorkerSpec = { file: URL } | { code: string };

interface Job {
  raw: Buffer;
  ctx: MappingContext;
  resolve: (m: IncomingMessage) => void;
  /** Held by a worker that died: sent again alone, never parsed on the main thread. */
  retried: boolean;
}

/**
 * Messages handed to the worker at once. Large: the main thread spends long stretches in synchronous SQLite
 * writes, and a worker that had to wait for it to hand over the next message would sit idle meanwhile.
 */
const IN_FLIGHT = 10_000;
/** A worker idle this long is stopped (its memory returned); the next sync starts another. */
const IDLE_MS = 15_000;
/**
 * The thread's heap. Its live data is one message at a time, but V8 lets a heap grow between collections by a
 * factor that rises with its limit (the default is 4 GiB here), and parsing makes garbage fast: a limit far above
 * any message's needs and a small young generation keep it near what is live (75 MiB less at the peak of a
 * 6,000-message first sync, in the same time). A message that needs more kills the thread like any crash: it is
 * parsed again alone, then kept as a placeholder.
 */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 8 };
/** Unexpected worker deaths before this process parses everything on the main thread. */
const MAX_CRASHES = 3;

export class MailParsePool {
  private worker: Worker | null = null;
  private ready = false;
  private crashes = 0;
  private disabled: string | null = null;
  private queue: Job[] = [];
  private readonly inFlight = new Map<number, Job>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private draining = false;
  /** Messages parsed by the worker and on this thread (read by tests and the benchmark). */
  readonly counts = { worker: 0, here: 0, placeholders: 0, workerStarts: 0 };

  constructor(private readonly spec: () => WorkerSpec | null = workerSpec) {}

  /** Parses raw mail into the core's message; never rejects (unreadable mail becomes a placeholder). */
  map(raw: Buffer, ctx: MappingContext): Promise<IncomingMessage> {
    let job!: Job;
    const promise = new Promise<IncomingMessage>((resolve) => {
      job = { raw, ctx, resolve, retried: false };
    });
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.queue.push(job);
    if (this.worker) this.pump();
    else void this.drainHere();
    return promise;
  }

  /**
   * Starts the parser thread, for work long enough to pay for its start (a folder's backfill, not the first
   * screenful of mail: starting a thread costs the main thread time the newest messages should have).
   */
  startThread(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.disabled === null) this.startWorker();
    if (this.worker) this.scheduleIdleStopIfIdle();
  }

  /** Stops the worker (a closing core, a test's end); later calls start a new one. */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    this.ready = false;
    if (worker) await worker.terminate();
    this.requeueInFlight(false);
    if (this.queue.length > 0) void this.drainHere();
  }

  private startWorker(): void {
    if (this.worker) return;
    let spec: WorkerSpec | null;
    try {
      spec = this.spec();
    } catch {
      spec = null;
    }
    if (!spec) {
      this.disable('this build has no mail parser thread');
      return;
    }
    let worker: Worker;
    try {
      worker = 'file' in spec ? new Worker(spec.file, { resourceLimits: RESOURCE_LIMITS }) : new Worker(spec.code, { eval: true, resourceLimits: RESOURCE_LIMITS });
    } catch (err) {
      this.disable(`the mail parser thread could not start: ${(err as Error).message}`);
      return;
    }
    this.counts.workerStarts++;
    this.worker = worker;
    this.ready = false;
    let lastError: Error | null = null;
    worker.on('message', (reply: ParseReply) => {
      if (worker !== this.worker) return;
      if ('ready' in reply) {
        this.ready = true;
        this.pump();
        return;
      }
      const job = this.inFlight.get(reply.id);
      if (!job) return;
      this.inFlight.delete(reply.id);
      if ('message' in reply) {
        this.counts.worker++;
        job.resolve(withBuffers(reply.message));
      } else {
        this.counts.placeholders++;
        job.resolve(unreadableMessage(job.raw, job.ctx, new Error(reply.error)));
      }
      this.pump();
    });
    worker.on('error', (err) => {
      lastError = err;
    });
    worker.on('exit', () => {
      if (worker !== this.worker) return; // stopped on purpose
      const started = this.ready;
      this.worker = null;
      this.ready = false;
      if (!started) {
        // It never came up (a broken build, no memory for a thread): parse here from now on.
        this.requeueInFlight(false);
        this.disable(`the mail parser thread did not start${lastError ? `: ${lastError.message}` : ''}`);
        return;
      }
      this.crashes++;
      this.requeueInFlight(true);
      if (this.crashes >= MAX_CRASHES) this.disable(`the mail parser thread stopped ${this.crashes} times${lastError ? ` (${lastError.message})` : ''}`);
      else if (this.queue.length > 0) this.startWorker();
    });
  }

  /** Hands queued messages to a ready worker; a message that was in a dying worker goes alone. */
  private pump(): void {
    const worker = this.worker;
    if (!worker || !this.ready) return;
    while (this.queue.length > 0 && this.inFlight.size < IN_FLIGHT) {
      const head = this.queue[0]!;
      const alone = [...this.inFlight.values()].some((j) => j.retried);
      if (alone || (head.retried && this.inFlight.size > 0)) break;
      this.queue.shift();
      const id = this.nextId++;
      this.inFlight.set(id, head);
      const { raw: _raw, ...ctx } = head.ctx;
      const copy = new Uint8Array(head.raw); // the caller keeps its bytes (the raw source is saved from them)
      worker.postMessage({ id, raw: copy, ctx } satisfies ParseRequest, [copy.buffer]);
    }
    if (this.inFlight.size > 0) worker.ref();
    else {
      worker.unref();
      if (this.queue.length === 0) this.scheduleIdleStop();
    }
  }

  private scheduleIdleStopIfIdle(): void {
    if (this.queue.length === 0 && this.inFlight.size === 0) this.scheduleIdleStop();
  }

  private scheduleIdleStop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.queue.length === 0 && this.inFlight.size === 0) void this.close();
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  /** Messages a stopped worker held go back to the front of the queue. */
  private requeueInFlight(crashed: boolean): void {
    const held = [...this.inFlight.values()];
    this.inFlight.clear();
    const again: Job[] = [];
    for (const job of held) {
      if (crashed && job.retried) {
        // The parser died on this message twice: a placeholder, its raw source kept like any unreadable mail.
        this.counts.placeholders++;
        job.resolve(unreadableMessage(job.raw, job.ctx, new Error('the mail parser stopped while reading this message')));
      } else {
        job.retried = job.retried || crashed;
        again.push(job);
      }
    }
    this.queue.unshift(...again);
  }

  private disable(reason: string): void {
    if (this.disabled === null) console.warn(`${reason}; mail is parsed on the main thread.`);
    this.disabled = reason;
    void this.drainHere();
  }

  /** Without a thread: everything queued is parsed here, one at a time, in order. */
  private async drainHere(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0 && !this.worker) {
        const job = this.queue.shift()!;
        if (job.retried) {
          this.counts.placeholders++;
          job.resolve(unreadableMessage(job.raw, job.ctx, new Error('the mail parser stopped while reading this message')));
        } else await this.parseHere(job);
      }
    } finally {
      this.draining = false;
    }
  }

  private async parseHere(job: Job): Promise<void> {
    this.counts.here++;
    job.resolve(await mapRaw(job.raw, job.ctx));
  }
}

/** Attachment bytes cross the thread boundary as plain Uint8Arrays; the core stores Buffers. */
function withBuffers(message: IncomingMessage): IncomingMessage {
  return {
    ...message,
    attachments: message.attachments.map((a) => ('content' in a ? { ...a, content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength) } : a)),
  };
}

/**
 * The worker's entry: a built bundle carries it beside itself (out/main, out/cli); run from the TypeScript
 * sources (tests, the web host under tsx), the worker compiles its source the same way.
 */
export function workerSpec(): WorkerSpec | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // tsx's ES module API (its CommonJS one cannot load the ES loader inside a worker).
    const manifest = createRequire(here).resolve('tsx/package.json');
    const exported = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!;
    const api = pathToFileURL(path.join(path.dirname(manifest), exported.import.default)).href;
    const entry = new URL('./mail-parse-worker.ts', here).href;
    return { code: `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}))` };
  }
  for (const name of ['mail-parse-worker.mjs', 'mail-parse-worker.js']) {
    const file = new URL(`./${name}`, here);
    if (fs.existsSync(file)) return { file };
  }
  return null;
}

/** The process's one parser thread, shared by every account's sync. */
export const mailParser = new MailParsePool();
