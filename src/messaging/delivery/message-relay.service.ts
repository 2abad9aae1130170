import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG } from '../../common/config/config.module.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { MESSAGE_QUEUES, type MessageJobData } from '../../common/queue/queue-names.js';
import { Clock } from '../../shared/time/clock.js';
import { type JobShape, jobShapes } from '../core/job-shape.js';
import type { ExternalChannel } from '../core/message-types.js';
import { MessagingRepository } from '../messaging.repository.js';
import { BACKOFF_MS } from './message-delivery.service.js';

const CLAIM_BATCH = 1000;

/** A batch's job id: derived from its job key, so adding the job again while Redis still has it is a no-op. */
export const batchJobId = (jobKey: string) => `batch-${jobKey}`;

/**
 * Moves committed outbox rows onto the channel queues, one job per batch of messages of one channel. The
 * claim (rows `queued` with their batch's job key) commits before the jobs are added, and a job's id is its
 * key's, so: a relay that dies in between leaves rows `queued` that {@link reconcile} adds again; adding a job
 * Redis still has is a no-op; a job that runs twice finds its batch already claimed or sent (the worker's
 * claim is the guard), so nothing is sent twice and nothing is lost.
 */
@Injectable()
export class MessageRelayService {
  private readonly queues: Record<ExternalChannel, Queue<MessageJobData>>;
  readonly shapes: Record<ExternalChannel, JobShape>;

  constructor(
    @Inject(MessagingRepository) private readonly messages: MessagingRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @InjectQueue(MESSAGE_QUEUES.email) email: Queue<MessageJobData>,
    @InjectQueue(MESSAGE_QUEUES.sms) sms: Queue<MessageJobData>,
    @InjectQueue(MESSAGE_QUEUES.push) push: Queue<MessageJobData>,
  ) {
    this.queues = { email, sms, push };
    const { emailPerSecond, smsPerSecond, pushPerSecond } = config.messaging;
    this.shapes = jobShapes({ email: emailPerSecond, sms: smsPerSecond, push: pushPerSecond });
  }

  queueFor(channel: ExternalChannel): Queue<MessageJobData> {
    return this.queues[channel];
  }

  /** Claims and enqueues everything due; returns how many messages. */
  async relay(now = this.clock.now()): Promise<number> {
    const batchSize = {
      email: this.shapes.email.batchSize,
      sms: this.shapes.sms.batchSize,
      push: this.shapes.push.batchSize,
    };
    let total = 0;
    for (;;) {
      const batches = await this.messages.claimDue(now, CLAIM_BATCH, batchSize);
      await this.enqueue(batches);
      const claimed = batches.reduce((sum, b) => sum + b.size, 0);
      total += claimed;
      if (claimed < CLAIM_BATCH) return total;
    }
  }

  /** Batches in flight for longer than `graceMs` go on their queue again (a no-op for those whose job Redis still has). */
  async reconcile(graceMs = 60_000): Promise<number> {
    const batches = await this.messages.listInFlight(graceMs, 1000);
    await this.enqueue(batches);
    return batches.length;
  }

  private async enqueue(batches: { jobKey: string; channel: ExternalChannel }[]): Promise<void> {
    for (const channel of Object.keys(this.queues) as ExternalChannel[]) {
      const jobs = batches.filter((b) => b.channel === channel);
      if (jobs.length === 0) continue;
      await this.queues[channel].addBulk(
        jobs.map((b) => ({
          name: 'deliver',
          data: { jobKey: b.jobKey },
          opts: {
            jobId: batchJobId(b.jobKey),
            // The job's own retries are for PostgreSQL being away; a message's failures are retried per message.
            attempts: this.config.messaging.maxAttempts,
            backoff: { type: 'exponential', delay: BACKOFF_MS },
            removeOnComplete: true,
            removeOnFail: true,
          },
        })),
      );
    }
  }
}
