import { createHash } from 'node:crypto';
import { AccessService } from '../../common/auth/access.service.js';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type Principal } from '../../common/auth/principal.js';
import { DomainError, notFound, unprocessable } from '../../common/errors/domain-error.js';
import { CapacityJobName, type CapacityAllocationJobData, QueueName } from '../../common/queue/queue-names.js';
import { REDIS_CLIENT } from '../../common/queue/queue.module.js';
import { allocateStaff } from './core/allocate-staff.js';
import { allocationInputFromPlan, UNCOVERED_EXPLANATIONS } from './core/allocation-input-from-plan.js';
import type { AllocationResult } from './core/allocation.types.js';
import { AllocationRepository, type AllocationParams, type AllocationRow } from './allocation.repository.js';
import { CapacityForecastService } from '../forecast/capacity-forecast.service.js';
import { CapacityPlanningInputsService } from '../plan/capacity-planning-inputs.service.js';
import { CapacityScenariosService } from '../forecast/capacity-scenarios.service.js';
import { addDays, mondayOf, weekKey } from '../../shared/time/index.js';
import { CapacityRepository } from '../capacity.repository.js';
import type { CreateAllocationBody, ExpectedHoursQuery } from '../dto/capacity-query.dto.js';

/** HiGHS's budget per allocation; components not solved in time get the greedy allocation. */
export const ALLOCATION_TIME_LIMIT_SECONDS = 60;
/**
 * The solve blocks the worker's event loop, so BullMQ cannot renew the job lock during it: the lock must outlast the
 * time limit plus loading the inputs, or another worker would take the job as stalled and solve it twice.
 */
export const ALLOCATION_LOCK_MS = 5 * 60_000;

/** Redis calls from a request give up after this, so an outage answers 503 QUEUE_UNAVAILABLE instead of hanging. */
const REDIS_TIMEOUT_MS = 2000;
const LIVE_JOB_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Redis did not answer in time')), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

const queueUnavailable = () =>
  new DomainError('QUEUE_UNAVAILABLE', 'The job queue is not reachable right now. Please try again shortly.');

const paramsKeyOf = (params: AllocationParams) => `${params.from}|${params.weeks}|${params.scenario ?? ''}`;
/** BullMQ job ids may not contain ':'; a hash keeps scenario names of any spelling out of the id. */
const jobIdOf = (paramsKey: string) =>
  `allocation-${createHash('sha256').update(paramsKey).digest('hex').slice(0, 32)}`;

@Injectable()
export class CapacityAllocationService {
  private readonly logger = new Logger(CapacityAllocationService.name);

  constructor(
    @Inject(AllocationRepository) private readonly allocations: AllocationRepository,
    @Inject(CapacityRepository) private readonly capacity: CapacityRepository,
    @Inject(CapacityPlanningInputsService) private readonly inputs: CapacityPlanningInputsService,
    @Inject(CapacityForecastService) private readonly forecasts: CapacityForecastService,
    @Inject(CapacityScenariosService) private readonly scenarios: CapacityScenariosService,
    @InjectQueue(QueueName.CapacityAllocation) private readonly queue: Queue<CapacityAllocationJobData>,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  /** Queues an allocation, or returns the one already queued or running for the same parameters. */
  async request(body: CreateAllocationBody, principal: Principal) {
    const params: AllocationParams = { from: mondayOf(body.from), weeks: body.weeks, scenario: body.scenario ?? null };
    // The plain client fails at once while Redis is down; BullMQ's connection would wait for it to come back.
    await withDeadline(this.redis.ping(), 1000).catch(() => {
      throw queueUnavailable();
    });
    // Refuse what the worker could not do now, rather than queueing a job that is bound to fail.
    await this.forecasts.projectInflow(params.from, params.weeks, await this.scenarios.adjustmentsFor(params.scenario));
    const paramsKey = paramsKeyOf(params);
    const jobId = jobIdOf(paramsKey);
    const inFlight = await this.allocations.findInFlight(paramsKey);
    if (inFlight) return this.view(inFlight);
    const row = await this.allocations.insert(
      params,
      paramsKey,
      addDays(params.from, 7 * params.weeks),
      jobId,
      principal.subjectId ?? null,
    );
    if (!row) {
      // Another request with the same parameters stored its allocation after our look above: answer with that one.
      const existing = await this.allocations.findInFlight(paramsKey);
      if (existing) return this.view(existing);
      throw new DomainError('DUPLICATE', 'Something with the same identity already exists.');
    }
    try {
      // BullMQ's commands wait for Redis to come back rather than fail, so the request sets its own deadline.
      await withDeadline(this.enqueue(row), REDIS_TIMEOUT_MS);
    } catch (error) {
      await this.allocations.markFailed(row.id, 'The job queue could not be reached.');
      this.logger.error({ err: error }, 'Could not enqueue a capacity allocation');
      throw queueUnavailable();
    }
    return this.view(row);
  }

  /**
   * Re-enqueues allocations PostgreSQL holds as queued or running that have no live job in Redis (lost in a Redis
   * restart). A job that is still there, even one held by a dead worker, is left to BullMQ's stalled-job recovery.
   */
  async reconcile(graceMs = 10_000): Promise<number> {
    let requeued = 0;
    for (const row of await this.allocations.listUnfinished(graceMs)) {
      if (await this.enqueue(row)) requeued += 1;
    }
    if (requeued > 0) this.logger.log(`Re-enqueued ${requeued} capacity allocation(s) without a live job`);
    return requeued;
  }

  /** Adds the allocation's job unless a live one is there; a finished or failed job under the same id goes first. */
  private async enqueue(row: AllocationRow): Promise<boolean> {
    const stale = await this.queue.getJob(row.jobId);
    const state = stale ? await stale.getState() : undefined;
    if (state && LIVE_JOB_STATES.has(state)) return false;
    // Failed jobs are kept for inspection and would block the deterministic job id.
    if (stale) await stale.remove();
    await this.queue.add(
      CapacityJobName.Allocate,
      { allocationId: row.id, paramsKey: paramsKeyOf(row.params) },
      { jobId: row.jobId, removeOnComplete: true, removeOnFail: 100, attempts: 1 },
    );
    return true;
  }

  /** Called by the queue worker. Idempotent: a finished allocation is left alone, so a re-delivered job does nothing. */
  async runQueued(data: CapacityAllocationJobData): Promise<void> {
    await this.run(data.allocationId);
    // A request made while this job was finishing reused its deterministic job id without adding a job: run it too.
    const next = await this.allocations.findInFlight(data.paramsKey);
    if (next && next.status === 'queued') await this.run(next.id);
  }

  private async run(allocationId: string): Promise<void> {
    const row = await this.allocations.markRunning(allocationId);
    if (!row) return;
    try {
      const inputs = await this.inputs.build(row.params.from, row.params.weeks, row.params.scenario);
      const statutory = new Set([...inputs.activities.values()].filter((a) => a.countsAsJobMeeting).map((a) => a.code));
      const result = await allocateStaff(allocationInputFromPlan({ ...inputs, statutoryActivities: statutory }), {
        timeLimitSeconds: ALLOCATION_TIME_LIMIT_SECONDS,
      });
      const mondays = new Map(inputs.weeks.map((w) => [w.key, w.monday]));
      const assignments = this.mergeAssignments(result, mondays);
      const failed = result.status === 'error';
      await this.allocations.complete(
        allocationId,
        failed ? 'failed' : 'done',
        this.summary(result, inputs.cohortStart),
        assignments,
        failed ? result.messages.join(' ') : null,
      );
    } catch (error) {
      await this.allocations.markFailed(
        allocationId,
        error instanceof DomainError ? error.message : 'The allocation failed; see the worker log.',
      );
      throw error;
    }
  }

  private mergeAssignments(result: AllocationResult, mondays: Map<string, string>) {
    const merged = new Map<
      string,
      { staffId: string; officeId: string; weekStart: string; activity: string; hours: number }
    >();
    for (const a of result.assignments) {
      const key = `${a.staffId}|${a.officeId}|${a.week}|${a.activity}`;
      const existing = merged.get(key);
      if (existing) existing.hours += a.hours;
      else
        merged.set(key, {
          staffId: a.staffId,
          officeId: a.officeId,
          weekStart: mondays.get(a.week)!,
          activity: a.activity,
          hours: a.hours,
        });
    }
    return [...merged.values()]
      .map((a) => ({ ...a, hours: Math.round(a.hours * 100) / 100 }))
      .filter((a) => a.hours > 0);
  }

  private summary(result: AllocationResult, cohortStart: string) {
    return {
      solverStatus: result.status,
      totals: result.totals,
      uncovered: result.uncovered
        .sort((a, b) => b.hours - a.hours)
        .map((u) => ({ ...u, explanation: UNCOVERED_EXPLANATIONS[u.reason] })),
      stats: result.stats,
      solveMs: result.solveMs,
      messages: result.messages,
      cohortStart,
    };
  }

  async get(id: string) {
    const row = await this.allocations.findById(id);
    if (!row) throw notFound('allocation', id);
    const assignments = row.status === 'done' ? await this.allocations.listAssignments(id) : undefined;
    return { ...this.view(row), ...(assignments ? { assignments } : {}) };
  }

  async accept(id: string, principal: Principal) {
    const row = await this.allocations.findById(id);
    if (!row) throw notFound('allocation', id);
    if (row.status !== 'done')
      throw unprocessable(
        'ALLOCATION_NOT_DONE',
        `The allocation is ${row.status}; only a finished allocation can be accepted.`,
      );
    if (row.supersededAt)
      throw new DomainError(
        'ALLOCATION_SUPERSEDED',
        'A later allocation for this period was accepted after this one; run a new allocation.',
      );
    if (!row.acceptedAt) await this.allocations.accept(id, principal.subjectId ?? null);
    return this.view((await this.allocations.findById(id))!);
  }

  async expectedHours(principal: Principal, officeId: string, query: ExpectedHoursQuery) {
    const office = this.access.visible(principal, await this.capacity.listOffices()).find((o) => o.id === officeId);
    if (!office) throw notFound('office', officeId);
    const from = query.from ? mondayOf(query.from) : await this.forecasts.firstForecastMonday();
    const weeks = query.weeks ?? 13;
    const rows = await this.allocations.listExpectedHours(officeId, from, addDays(from, 7 * weeks));
    const people = new Map<
      string,
      {
        staffId: string;
        name: string;
        role: string;
        totalHours: number;
        weeks: Map<
          string,
          { week: string; weekStart: string; hours: number; activities: { activity: string; hours: number }[] }
        >;
      }
    >();
    for (const row of rows) {
      const person = people.get(row.staffId) ?? {
        staffId: row.staffId,
        name: row.staffName,
        role: row.role,
        totalHours: 0,
        weeks: new Map(),
      };
      const week = person.weeks.get(row.weekStart) ?? {
        week: weekKey(row.weekStart),
        weekStart: row.weekStart,
        hours: 0,
        activities: [],
      };
      week.hours = Math.round((week.hours + row.hours) * 100) / 100;
      week.activities.push({ activity: row.activity, hours: row.hours });
      person.weeks.set(row.weekStart, week);
      person.totalHours = Math.round((person.totalHours + row.hours) * 100) / 100;
      people.set(row.staffId, person);
    }
    return {
      officeId,
      officeCode: office.code,
      from,
      weeks,
      allocationIds: [...new Set(rows.map((r) => r.allocationId))],
      people: [...people.values()].map((p) => ({ ...p, weeks: [...p.weeks.values()] })),
    };
  }

  private view(row: AllocationRow) {
    return {
      id: row.id,
      status: row.status,
      params: row.params,
      jobId: row.jobId,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      acceptedAt: row.acceptedAt,
      supersededAt: row.supersededAt,
      error: row.error,
      ...(row.result ? { result: row.result } : {}),
    };
  }
}
