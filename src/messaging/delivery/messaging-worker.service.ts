import { InjectQueue } from '@nestjs/bullmq';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type Job, type Queue, Worker } from 'bullmq';
import { APP_CONFIG } from '../../common/config/config.module.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { MESSAGE_QUEUES, MESSAGE_SCAN_QUEUE, type MessageJobData } from '../../common/queue/queue-names.js';
import { EXTERNAL_CHANNELS, type ExternalChannel } from '../core/message-types.js';
import { STALE_CLAIM_MS } from '../core/job-shape.js';
import { CHANNEL_SENDERS, type ChannelSender } from './channel.js';
import { MessageDeliveryService } from './message-delivery.service.js';
import { MessageRelayService } from './message-relay.service.js';
import { MessageSchedulerService } from './message-scheduler.service.js';

const RELAY_EVERY_MS = 500;
/**
 * Lock of a delivery job; a worker killed mid-batch loses its job to another worker within about LOCK +
 * STALLED_INTERVAL, by when the batch's `sending` rows have gone stale (STALE_CLAIM_MS) and are taken over.
 */
const LOCK_MS = STALE_CLAIM_MS;
const STALLED_INTERVAL_MS = 5_000;
const SCAN_SCHEDULER_ID = 'messages-scan';
const SCAN_EVERY_MS = 60_000;
/** Batch jobs at once per channel: the next batch's claim overlaps the current one's last sends and results. */
const CONCURRENCY: Record<ExternalChannel, number> = { email: 2, sms: 1, push: 2 };

/**
 * The delivery side, in the worker process (and the API process when RUN_WORKERS is on): one BullMQ worker
 * per channel queue, whose jobs are batches of messages, with that channel's rate limit converted to jobs, the relay from the outbox, the reconciler, and the
 * job scheduler that runs the scan for reminders and book-now messages every minute.
 */
@Injectable()
export class MessagingWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MessagingWorkerService.name);
  private readonly workers: Worker[] = [];
  private relayTimer?: NodeJS.Timeout;
  private reconcileTimer?: NodeJS.Timeout;
  private relaying = false;
  private stopped = false;

  constructor(
    @Inject(MessageDeliveryService) private readonly delivery: MessageDeliveryService,
    @Inject(MessageRelayService) private readonly relay: MessageRelayService,
    @Inject(MessageSchedulerService) private readonly scheduler: MessageSchedulerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CHANNEL_SENDERS) private readonly senders: ChannelSender[],
    @InjectQueue(MESSAGE_SCAN_QUEUE) private readonly scanQueue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const channel of EXTERNAL_CHANNELS) {
      const queue = this.relay.queueFor(channel);
      this.workers.push(
        new Worker<MessageJobData>(MESSAGE_QUEUES[channel], (job) => this.process(job), {
          connection: queue.opts.connection,
          prefix: queue.opts.prefix,
          concurrency: CONCURRENCY[channel],
          lockDuration: LOCK_MS,
          stalledInterval: STALLED_INTERVAL_MS,
          maxStalledCount: 3,
          limiter: this.relay.shapes[channel].limiter,
        }),
      );
    }
    this.workers.push(
      new Worker(MESSAGE_SCAN_QUEUE, async () => this.scheduler.scan(), {
        connection: this.scanQueue.opts.connection,
        prefix: this.scanQueue.opts.prefix,
        concurrency: 1,
      }),
    );
    for (const worker of this.workers)
      worker.on('error', (error) => this.logger.warn({ err: error }, 'Message worker error'));
    await this.registerScan();
    this.relayTimer = setInterval(() => void this.relayOnce(), RELAY_EVERY_MS);
    this.relayTimer.unref();
    this.reconcileTimer = setInterval(
      () => void this.reconcile(),
      (this.config.messaging.reconcileAfterSeconds * 1000) / 2,
    );
    this.reconcileTimer.unref();
  }

  /** Exposed for tests: one relay pass now. */
  async relayOnce(): Promise<number> {
    if (this.relaying || this.stopped) return 0;
    this.relaying = true;
    try {
      return await this.relay.relay();
    } catch (error) {
      this.logger.warn({ err: error }, 'Message relay failed; the reconciler will enqueue what it claimed');
      return 0;
    } finally {
      this.relaying = false;
    }
  }

  async reconcile(graceMs = this.config.messaging.reconcileAfterSeconds * 1000): Promise<void> {
    try {
      await this.relay.reconcile(graceMs);
    } catch (error) {
      this.logger.warn({ err: error }, 'Message reconciliation failed; retrying later');
    }
    await this.registerScan();
  }

  /** Redis without persistence forgets job schedulers in a restart: registered at start and by every reconcile. */
  private async registerScan(): Promise<void> {
    try {
      await this.scanQueue.upsertJobScheduler(
        SCAN_SCHEDULER_ID,
        { every: SCAN_EVERY_MS },
        { name: 'scan', data: {}, opts: { removeOnComplete: true, removeOnFail: 50 } },
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not register the message scan');
    }
  }

  private async process(job: Job<MessageJobData>): Promise<string> {
    // A job of the one-job-per-message relay (before job keys): its message was made `retrying` by the migration.
    if (!job.data.jobKey) return 'obsolete';
    const outcomes = await this.delivery.deliverBatch(job.data.jobKey);
    const counts: Record<string, number> = {};
    for (const outcome of outcomes.values()) counts[outcome] = (counts[outcome] ?? 0) + 1;
    return JSON.stringify(counts);
  }

  /** Workers finish the batch in hand, before the database pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.relayTimer);
    clearInterval(this.reconcileTimer);
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all(this.senders.map((s) => s.close?.()));
  }
}
