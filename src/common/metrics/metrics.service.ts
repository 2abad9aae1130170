import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import type { Job, Queue } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { QueueName } from '../queue/queue-names.js';

/** The slice of node-postgres' pool the gauges read. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max: number };
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed'] as const;
/** A scrape never waits long for Redis: a queue that does not answer in time is left out of that scrape. */
const QUEUE_COUNT_TIMEOUT_MS = 1000;

function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([work.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/**
 * The process's Prometheus metrics, in a registry of its own (not prom-client's global one), so several apps in one
 * process (the tests) never clash. Request metrics come from the HTTP middleware; pool and queue gauges are read at
 * scrape time; job durations from this process's BullMQ workers.
 */
@Injectable()
export class MetricsService implements OnApplicationBootstrap {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'akasse_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'akasse_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'akasse_http_errors_total',
    help: 'Error answers by status and error code (503 BUSY, DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE, …)',
    labelNames: ['status', 'code'] as const,
    registers: [this.registry],
  });

  readonly conflicts = new Counter({
    name: 'akasse_conflicts_total',
    help: '409 answers by error code (SLOT_TAKEN, SESSION_FULL, MEMBER_BUSY, …)',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly bookings = new Counter({
    name: 'akasse_bookings_total',
    help: 'Bookings made through the API (book, reschedule); idempotent replays are not counted',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  readonly cancellations = new Counter({
    name: 'akasse_cancellations_total',
    help: 'Cancellations through the API: of a booking, or of a slot or session with its bookings',
    labelNames: ['of'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'akasse_job_duration_seconds',
    help: 'Time a BullMQ job ran in this process, by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'akasse_' });
    const pool = () => (this.dataSource.driver as unknown as { master?: PoolCounts }).master;
    new Gauge({
      name: 'akasse_db_pool_connections',
      help: 'Pooled PostgreSQL connections of this process: total, idle, in use, and the maximum',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const counts = pool();
        if (!counts) return;
        this.set({ state: 'total' }, counts.totalCount);
        this.set({ state: 'idle' }, counts.idleCount);
        this.set({ state: 'in_use' }, counts.totalCount - counts.idleCount);
        this.set({ state: 'max' }, counts.options.max);
      },
    });
    new Gauge({
      name: 'akasse_db_pool_waiting',
      help: 'Requests of this process waiting for a free pooled connection',
      registers: [this.registry],
      collect() {
        const counts = pool();
        if (counts) this.set(counts.waitingCount);
      },
    });
    const queues = () => this.queues();
    new Gauge({
      name: 'akasse_queue_jobs',
      help: 'Jobs per BullMQ queue and state (shared by every process)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        await Promise.all(
          queues().map(async (queue) => {
            const counts = await within(queue.getJobCounts(...QUEUE_STATES), QUEUE_COUNT_TIMEOUT_MS);
            for (const [state, count] of Object.entries(counts ?? {})) this.set({ queue: queue.name, state }, count);
          }),
        );
      },
    });
  }

  /** Times the jobs of every BullMQ worker this process runs (none in an API-only process). */
  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof WorkerHost)) continue;
      let worker: WorkerHost['worker'];
      try {
        worker = instance.worker;
      } catch {
        continue;
      }
      const observe = (outcome: string) => (job: Job | undefined) => {
        if (job?.processedOn && job.finishedOn)
          this.jobDuration.observe({ queue: worker.name, outcome }, (job.finishedOn - job.processedOn) / 1000);
      };
      worker.on('completed', observe('completed'));
      worker.on('failed', observe('failed'));
    }
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private queues(): Queue[] {
    return Object.values(QueueName).flatMap((name) => {
      try {
        return [this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })];
      } catch {
        return [];
      }
    });
  }
}
