import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG } from '../../common/config/config.module.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { MESSAGE_QUEUES, type MessageJobData } from '../../common/queue/queue-names.js';
import { Clock } from '../../shared/time/clock.js';
import type { ExternalChannel } from '../core/message-types.js';
import { MessagingRepository } from '../messaging.repository.js';

const CLAIM_BATCH = 1000;
export const BACKOFF_MS = 2000;

/**
 * Moves committed outbox rows onto the channel queues. The claim commits before the jobs are added, and a
 * job's id is its message's, so: a relay that dies in between leaves rows `queued` that {@link reconcile}
 * adds again; adding a job Redis still has is a no-op; a job that runs twice finds its message already
 * claimed or sent (the worker's claim is the guard), so nothing is sent twice and nothing is lost.
 */
@Injectable()
export class MessageRelayService {
  private readonly queues: Record<ExternalChannel, Queue<MessageJobData>>;

  constructor(
    @Inject(MessagingRepository) private readonly messages: MessagingRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @InjectQueue(MESSAGE_QUEUES.email) email: Queue<MessageJobData>,
    @InjectQueue(MESSAGE_QUEUES.sms) sms: Queue<MessageJobData>,
    @InjectQueue(MESSAGE_QUEUES.push) push: Queue<MessageJobData>,
  ) {
    this.queues = { email, sms, push };
  }

  queueFor(channel: ExternalChannel): Queue<MessageJobData> {
    return this.queues[channel];
  }

  /** Claims and enqueues everything due; returns how many. */
  async relay(now = this.clock.now()): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.messages.claimDue(now, CLAIM_BATCH);
      if (rows.length === 0) return total;
      await this.enqueue(rows);
      total += rows.length;
      if (rows.length < CLAIM_BATCH) return total;
    }
  }

  /** Rows in flight for longer than `graceMs` go on their queue again (a no-op for those whose job Redis still has). */
  async reconcile(graceMs = 60_000): Promise<number> {
    const rows = await this.messages.listInFlight(graceMs, 5000);
    await this.enqueue(rows);
    return rows.length;
  }

  private async enqueue(rows: { id: string; channel: ExternalChannel }[]): Promise<void> {
    for (const channel of Object.keys(this.queues) as ExternalChannel[]) {
      const jobs = rows.filter((r) => r.channel === channel);
      if (jobs.length === 0) continue;
      await this.queues[channel].addBulk(
        jobs.map((r) => ({
          name: 'deliver',
          data: { messageId: r.id },
          opts: {
            jobId: `message-${r.id}`,
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
