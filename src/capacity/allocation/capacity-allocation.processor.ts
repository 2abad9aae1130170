import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, type Queue } from 'bullmq';
import { type CapacityAllocationJobData, QueueName } from '../../common/queue/queue-names.js';
import { ALLOCATION_LOCK_MS, CapacityAllocationService } from './capacity-allocation.service.js';

const RECONCILE_EVERY_MS = 60_000;

/**
 * Runs allocations in this process rather than in a sandboxed processor: the sandbox needs a compiled JavaScript
 * file, which the tests (TypeScript under Jest) do not have, and at the fund's size a solve takes about a second.
 * One job at a time, with a lock longer than HiGHS's time limit (see ALLOCATION_LOCK_MS).
 */
@Processor(QueueName.CapacityAllocation, { concurrency: 1, lockDuration: ALLOCATION_LOCK_MS })
export class CapacityAllocationProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(CapacityAllocationProcessor.name);
  private reconcileTimer?: NodeJS.Timeout;

  constructor(
    @Inject(CapacityAllocationService) private readonly allocations: CapacityAllocationService,
    @InjectQueue(QueueName.CapacityAllocation) private readonly queue: Queue,
  ) {
    super();
  }

  async process(job: Job<CapacityAllocationJobData>): Promise<void> {
    await this.allocations.runQueued(job.data);
  }

  /** Re-enqueues allocations a Redis restart lost, at start-up and every minute; never stops the worker from starting. */
  async onApplicationBootstrap(): Promise<void> {
    await this.reconcile(0);
    this.reconcileTimer = setInterval(() => void this.reconcile(), RECONCILE_EVERY_MS);
    this.reconcileTimer.unref();
  }

  async reconcile(graceMs?: number): Promise<void> {
    try {
      await this.allocations.reconcile(graceMs);
    } catch (error) {
      this.logger.warn({ err: error }, 'Capacity allocation reconciliation failed; retrying later');
    }
  }

  /** Before any module's shutdown hook: finish the job in hand, then close the queue, while the database pool is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.reconcileTimer);
    await this.worker.close();
    await this.queue.close();
  }
}
