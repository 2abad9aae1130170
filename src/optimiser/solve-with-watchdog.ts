import { createRequire } from 'node:module';
import { Worker as Thread } from 'node:worker_threads';
import { optimiseAndPolish, type PolishedProposal } from './core/polish.js';
import type { OptimiserInstance } from './core/types.js';

export interface WatchdogSettings {
  queueName: string;
  connection: unknown;
  prefix: string;
  jobId: string;
  /** The worker's lock token for the job; without it the lock is not renewed. */
  token: string | undefined;
  lockDurationMs: number;
}

/*
 * The solve is synchronous and keeps the event loop of its thread busy for up to its time limit, so
 * BullMQ could neither renew the job's lock (another worker would take the job as stalled and solve it
 * twice) nor hear a cancellation. This small thread does both while the solve runs: it extends the lock,
 * reports progress to the job, and raises a shared stop flag when the API has marked the job's data
 * `cancelRequested` (DELETE), which the
 * core's `shouldStop` reads with Atomics. It is plain JavaScript evaluated from a string, so it runs the
 * same from compiled output and from the TypeScript sources under Jest.
 */
const WATCHDOG_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
const { Queue, Job } = require(w.bullmqPath);
const stop = new Int32Array(w.control, 0, 1);
const progress = new Float64Array(w.control, 8, 1);
const queue = new Queue(w.queueName, { connection: w.connection, prefix: w.prefix });
queue.on('error', () => undefined);
let job;
let reported = -1;
let extendedAt = 0;
let busy = false;
async function tick() {
  if (busy) return;
  busy = true;
  try {
    job = await Job.fromId(queue, w.jobId);
    if (job && job.data && job.data.cancelRequested) Atomics.store(stop, 0, 1);
    if (job && w.token && Date.now() - extendedAt >= w.lockDurationMs / 3) {
      await job.extendLock(w.token, w.lockDurationMs);
      extendedAt = Date.now();
    }
    const percent = Math.round(progress[0] * 100);
    if (job && percent !== reported) {
      reported = percent;
      await job.updateProgress(percent);
    }
  } catch {
    // Redis is away: the solve goes on, and PostgreSQL keeps the run.
  } finally {
    busy = false;
  }
}
const timer = setInterval(tick, 250);
tick().then(() => parentPort.postMessage('ready'));
parentPort.on('message', () => {
  clearInterval(timer);
  queue.close().catch(() => undefined).finally(() => parentPort.close());
});
`;

const bullmqPath = createRequire(import.meta.url).resolve('bullmq');
const WATCHDOG_START_TIMEOUT_MS = 5000;

/** Runs the optimiser core with a watchdog thread that keeps the BullMQ lock alive and relays cancellation and progress. */
export async function solveWithWatchdog(
  instance: OptimiserInstance,
  timeLimitMs: number | undefined,
  settings: WatchdogSettings,
): Promise<PolishedProposal> {
  const control = new SharedArrayBuffer(16);
  const stop = new Int32Array(control, 0, 1);
  const progress = new Float64Array(control, 8, 1);
  // workerData is a structured clone: the connection's functions (its retryStrategy) cannot cross and stay behind.
  const connection: unknown = JSON.parse(JSON.stringify(settings.connection ?? {}));
  const thread = new Thread(WATCHDOG_SOURCE, {
    eval: true,
    workerData: { ...settings, connection, control, bullmqPath },
  });
  thread.on('error', () => undefined);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, WATCHDOG_START_TIMEOUT_MS);
    thread.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
    thread.once('exit', () => resolve());
  });
  try {
    return await optimiseAndPolish(instance, {
      ...(timeLimitMs !== undefined ? { timeLimitMs } : {}),
      shouldStop: () => Atomics.load(stop, 0) === 1,
      onProgress: (fraction) => {
        progress[0] = fraction;
      },
    });
  } finally {
    thread.postMessage('stop');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void thread.terminate().then(() => resolve()), 2000);
      thread.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
