import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { OptimiserJobName, type OptimiserRunJobData, QueueName } from '../common/queue/queue-names.js';
import { OptimiserService } from './optimiser.service.js';
import { COPENHAGEN } from '../shared/time/index.js';
import { solveWithWatchdog } from './solve-with-watchdog.js';

/**
 * Lock of a job while a worker holds it. The solve runs on this thread and blocks its event loop, but
 * the watchdog thread (solve-with-watchdog.ts) renews the lock meanwhile, so the lock can stay short:
 * a worker killed mid-run loses its job to another worker within about LOCK + STALLED_INTERVAL.
 */
export const OPTIMISER_LOCK_MS = 15_000;
const STALLED_INTERVAL_MS = 5_000;
const RECONCILE_EVERY_MS = 60_000;
const NIGHTLY_SCHEDULER_ID = 'optimiser-nightly';

/**
 * Runs the solve in this process with a watchdog thread rather than in a BullMQ sandboxed processor:
 * the sandbox needs a compiled processor file (the tests run the TypeScript sources) and a database
 * connection of its own, while the watchdog keeps the lock, progress and cancellation working with the
 * service's ordinary dependencies. One run at a time per worker; run workers apart from the API.
 */
@Processor(QueueName.Optimiser, {
  concurrency: 1,
  lockDuration: OPTIMISER_LOCK_MS,
  stalledInterval: STALLED_INTERVAL_MS,
  maxStalledCount: 2,
})
export class OptimiserProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OptimiserProcessor.name);
  private reconcileTimer?: NodeJS.Timeout;

  constructor(
    @Inject(OptimiserService) private readonly optimiser: OptimiserService,
    @InjectQueue(QueueName.Optimiser) private readonly queue: Queue,
  ) {
    super();
  }

  async process(job: Job<Partial<OptimiserRunJobData>>, token?: string): Promise<void> {
    if (job.name === OptimiserJobName.Nightly) {
      await this.optimiser.requestNightly();
      return;
    }
    const runId = job.data.runId;
    if (!runId) throw new UnrecoverableError('An optimiser job without a run id.');
    await this.optimiser.execute(
      runId,
      (instance, timeLimitMs) =>
        solveWithWatchdog(instance, timeLimitMs, {
          queueName: QueueName.Optimiser,
          connection: this.worker.opts.connection,
          prefix: this.worker.opts.prefix ?? 'bull',
          jobId: job.id!,
          token,
          lockDurationMs: OPTIMISER_LOCK_MS,
        }),
      job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
    );
  }

  /** Registers the nightly run and re-enqueues runs a Redis restart lost; neither may stop the worker from starting. */
  async onApplicationBootstrap(): Promise<void> {
    await this.registerNightly(true);
    await this.reconcile(0);
    this.reconcileTimer = setInterval(() => void this.reconcile(), RECONCILE_EVERY_MS);
    this.reconcileTimer.unref();
  }

  /** At start-up and every minute: runs without a live job go back on the queue, and a lost nightly schedule comes back. */
  async reconcile(graceMs?: number): Promise<void> {
    try {
      await this.optimiser.reconcile(graceMs);
    } catch (error) {
      this.logger.warn({ err: error }, 'Optimiser reconciliation failed; retrying later');
    }
    await this.registerNightly(false);
  }

  /** Redis without persistence forgets job schedulers in a restart; only a missing one is registered again. */
  private async registerNightly(always: boolean): Promise<void> {
    try {
      if (!always && (await this.queue.getJobScheduler(NIGHTLY_SCHEDULER_ID))) return;
      await this.queue.upsertJobScheduler(
        NIGHTLY_SCHEDULER_ID,
        { pattern: '0 2 * * *', tz: COPENHAGEN },
        { name: OptimiserJobName.Nightly, data: {}, opts: { removeOnComplete: true, removeOnFail: 50 } },
      );
      if (!always) this.logger.log('Registered the nightly optimiser run again (Redis had lost it)');
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not register the nightly optimiser run');
    }
  }

  /** Before any module's shutdown hook: finish the job in hand, then close the queue, while the database pool is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.reconcileTimer);
    await this.worker.close();
    await this.queue.close();
  }
}
