import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Queue, UnrecoverableError } from 'bullmq';
import type { Principal } from '../common/auth/principal.js';
import { conflict, notFound, unprocessable } from '../common/errors/domain-error.js';
import { assertDatePeriod } from '../common/validation/period.js';
import { addDays, isRealDate, localDate } from '../shared/time/index.js';
import { OptimiserJobName, type OptimiserRunJobData, QueueName } from '../common/queue/queue-names.js';
import { OptimiserInputError } from './core/compiled-model.js';
import type { OptimiserInstance, Proposal } from './core/types.js';
import { optimiseWithWithdrawals } from './core/withdrawal.js';
import type { CreateOptimiserRunBody } from './dto/optimiser.dto.js';
import { OptimiserInputRepository } from './optimiser-input.repository.js';
import { OptimiserInputService } from './optimiser-input.service.js';
import { DEFAULT_MAX_TRAVEL_KM } from '../shared/geo.js';
import { horizonOf, jobIdOf, MAX_HORIZON_DAYS, NIGHTLY_DAYS, paramsHash } from './optimiser-params.js';
import { OptimiserRunsRepository, type OptimiserRunParams, type OptimiserRunRow } from './optimiser-runs.repository.js';
import { Clock } from '../shared/time/clock.js';
import { assertTransition, OPTIMISER_RUN_TRANSITIONS } from '../shared/vocabulary/transitions.js';

/** Sessions are planned at least this far ahead, so members hear of them in time. */
export const MIN_NOTICE_MS = 24 * 3600_000;
/** Redis calls from a request give up after this, leaving the run to the reconciler. */
const REDIS_TIMEOUT_MS = 2000;

/** `timeLimitMs` undefined: the core's default, which fits the instance's size. */
export type Solve = (instance: OptimiserInstance, timeLimitMs: number | undefined) => Promise<Proposal>;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('Redis did not answer in time')), ms).unref()),
  ]);
}

@Injectable()
export class OptimiserService {
  private readonly logger = new Logger(OptimiserService.name);

  constructor(
    @Inject(OptimiserRunsRepository) private readonly runs: OptimiserRunsRepository,
    @Inject(OptimiserInputRepository) private readonly input: OptimiserInputRepository,
    @Inject(OptimiserInputService) private readonly inputs: OptimiserInputService,
    @InjectQueue(QueueName.Optimiser) private readonly queue: Queue<Partial<OptimiserRunJobData>>,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Queues a run, or returns the run already queued or running for the same planning scope. */
  async request(body: CreateOptimiserRunBody, principal: Principal | undefined, origin: 'api' | 'nightly' = 'api') {
    const params = await this.normalise(body);
    const hash = paramsHash(params);
    const inFlight = await this.runs.findInFlight(hash);
    if (inFlight) return this.view(inFlight);
    const id = randomUUID();
    const horizon = horizonOf(params);
    // A request racing another for the same scope gets that one's run (already enqueued by it).
    const { run, created } = await this.runs.insertOrFindInFlight({
      id,
      params,
      paramsHash: hash,
      horizon: { start: new Date(horizon.start), end: new Date(horizon.end) },
      origin,
      jobId: jobIdOf(id),
      requestedBy: principal?.subjectId ?? null,
    });
    if (!created) return this.view(run);
    await this.enqueue(run);
    return this.view(run);
  }

  /** The nightly scheduler's job: a fresh proposal for the next 13 weeks, fund-wide. */
  requestNightly(now = this.clock.now()) {
    const from = addDays(localDate(now), 1);
    return this.request({ from, to: addDays(from, NIGHTLY_DAYS - 1) }, undefined, 'nightly');
  }

  async get(id: string) {
    const run = await this.runs.findById(id);
    if (!run) throw notFound('optimiser run', id);
    return this.view(run, run.status === 'running' ? await this.liveProgress(run) : undefined);
  }

  async cancel(id: string) {
    const run = await this.runs.findById(id);
    if (!run) throw notFound('optimiser run', id);
    if (run.status === 'cancelled') return this.view(run);
    assertTransition(OPTIMISER_RUN_TRANSITIONS, run.status, 'cancelled', (was) =>
      conflict('RUN_FINISHED', `The run is already ${was}; there is nothing to cancel.`),
    );
    const cancelled = (await this.runs.requestCancel(id)) ?? (await this.runs.findById(id))!;
    try {
      const job = await withTimeout(this.queue.getJob(cancelled.jobId), REDIS_TIMEOUT_MS);
      if (job && cancelled.status === 'cancelled')
        await withTimeout(this.queue.remove(cancelled.jobId), REDIS_TIMEOUT_MS);
      else if (job) await withTimeout(job.updateData({ ...job.data, cancelRequested: true }), REDIS_TIMEOUT_MS);
    } catch (error) {
      // PostgreSQL holds the flag too: the worker checks it before the solve, and the job finds the run cancelled.
      this.logger.warn({ err: error, runId: id }, 'Could not signal the cancellation through Redis');
    }
    return this.view(cancelled);
  }

  async proposal(id: string) {
    const run = await this.runs.findById(id);
    if (!run) throw notFound('optimiser run', id);
    const result = await this.runs.loadResult(id);
    if (!result)
      throw conflict(
        'RUN_NOT_DONE',
        `The run is ${run.status}; it has no proposal${run.status === 'queued' || run.status === 'running' ? ' yet' : ''}.`,
      );
    const { proposal } = result;
    const names = await this.runs.describe({
      offices: proposal.newSessions.map((s) => s.officeId),
      rooms: proposal.newSessions.map((s) => s.roomId),
      staff: proposal.newSessions.flatMap((s) => s.leaderIds),
      members: [
        ...new Set([...proposal.placements.map((p) => p.memberId), ...proposal.unplaced.map((u) => u.memberId)]),
      ],
    });
    const member = (memberId: string, itemId: string) => ({
      memberId,
      memberNumber: names.members.get(memberId) ?? null,
      programmeItemId: itemId,
    });
    return {
      runId: run.id,
      status: run.status,
      appliedAt: run.appliedAt,
      summary: proposal.summary,
      newSessions: proposal.newSessions.map((s) => ({
        key: s.key,
        activityCode: s.activityId,
        activityName: names.activities.get(s.activityId) ?? s.activityId,
        office: {
          id: s.officeId,
          code: names.offices.get(s.officeId)?.code ?? null,
          name: names.offices.get(s.officeId)?.name ?? null,
        },
        room: {
          id: s.roomId,
          name: names.rooms.get(s.roomId)?.name ?? null,
          seats: names.rooms.get(s.roomId)?.seats ?? null,
        },
        start: new Date(s.start).toISOString(),
        end: new Date(s.end).toISOString(),
        withdrawnSlotIds: s.withdrawnSlotIds ?? [],
        leaders: s.leaderIds.map((leaderId) => ({
          staffId: leaderId,
          name: names.staff.get(leaderId)?.name ?? null,
          role: names.staff.get(leaderId)?.role ?? null,
        })),
        members: s.memberIds.map((memberId, k) => member(memberId, s.itemIds[k])),
      })),
      seatsInExistingSessions: proposal.existingSeats.map((e) => ({
        sessionId: e.sessionId,
        members: e.memberIds.map((memberId, k) => member(memberId, e.itemIds[k])),
      })),
      unplaced: proposal.unplaced.map((u) => ({
        ...member(u.memberId, u.itemId),
        activityCode: u.activityId,
        reason: u.reason,
        hint: u.hint ?? null,
      })),
      activities: proposal.activities ?? [],
    };
  }

  /**
   * The worker's part: claim the run, load its input, solve, store the outcome. Safe to run twice
   * (a re-delivered job after a stall): a finished run is left alone, and `now` comes from the run's
   * creation, so every attempt solves the same instance from the same data.
   */
  async execute(runId: string, solve: Solve, lastAttempt: boolean): Promise<void> {
    const run = await this.runs.claim(runId);
    if (!run) {
      await this.runs.markCancelled(runId);
      return;
    }
    try {
      const { instance, notes } = await this.inputs.load(run.params, new Date(run.createdAt).getTime() + MIN_NOTICE_MS);
      await this.runs.setProgress(runId, 0.05);
      if (await this.runs.isCancelRequested(runId)) {
        await this.runs.markCancelled(runId);
        return;
      }
      const timeLimitMs =
        run.params.timeLimitSeconds === null || run.params.timeLimitSeconds === undefined
          ? undefined
          : run.params.timeLimitSeconds * 1000;
      const proposal = await optimiseWithWithdrawals(instance, (pass) => solve(pass, timeLimitMs));
      await this.runs.finish(runId, {
        status: proposal.summary.status === 'stopped' ? 'cancelled' : 'done',
        summary: {
          ...proposal.summary,
          input: notes,
          members: instance.members.length,
          offices: instance.offices.length,
          rooms: instance.rooms.length,
          existingSessions: instance.existingSessions.length,
        },
        instance,
        proposal,
      });
    } catch (error) {
      if (error instanceof OptimiserInputError) {
        await this.runs.markFailed(runId, error.message);
        throw new UnrecoverableError(error.message);
      }
      if (lastAttempt) await this.runs.markFailed(runId, 'The run failed; see the worker log.');
      throw error;
    }
  }

  /**
   * Re-enqueues runs PostgreSQL holds as queued or running that have no live job in Redis (lost in a
   * Redis restart, or never enqueued because Redis was down). A job that is still there, even one held
   * by a dead worker, is left to BullMQ's stalled-job recovery.
   */
  async reconcile(graceMs = 10_000): Promise<number> {
    let requeued = 0;
    for (const run of await this.runs.listUnfinished(graceMs)) {
      const job = await this.queue.getJob(run.jobId);
      const state = job ? await job.getState() : 'unknown';
      if (
        state === 'waiting' ||
        state === 'active' ||
        state === 'delayed' ||
        state === 'prioritized' ||
        state === 'waiting-children'
      )
        continue;
      if (job) await job.remove();
      await this.queue.add(OptimiserJobName.Run, { runId: run.id }, this.jobOptions(run));
      requeued += 1;
    }
    if (requeued > 0) this.logger.log(`Re-enqueued ${requeued} optimiser run(s) without a live job`);
    return requeued;
  }

  private async enqueue(run: OptimiserRunRow): Promise<void> {
    try {
      await withTimeout(
        this.queue.add(OptimiserJobName.Run, { runId: run.id }, this.jobOptions(run)),
        REDIS_TIMEOUT_MS,
      );
    } catch (error) {
      // The run is stored; the workers' reconciler enqueues it once Redis answers again.
      this.logger.warn({ err: error, runId: run.id }, 'Could not enqueue an optimiser run; the reconciler will');
    }
  }

  private jobOptions(run: OptimiserRunRow) {
    return {
      jobId: run.jobId,
      attempts: 3,
      backoff: { type: 'exponential' as const, delay: 2000 },
      removeOnComplete: true,
      removeOnFail: 100,
    };
  }

  private async liveProgress(run: OptimiserRunRow): Promise<number | undefined> {
    try {
      const job = await withTimeout(this.queue.getJob(run.jobId), REDIS_TIMEOUT_MS);
      return typeof job?.progress === 'number' ? job.progress / 100 : undefined;
    } catch {
      return undefined;
    }
  }

  private async normalise(body: CreateOptimiserRunBody): Promise<OptimiserRunParams> {
    if (!isRealDate(body.from) || !isRealDate(body.to))
      throw unprocessable('INVALID_DATE', 'from and to must be real dates.');
    assertDatePeriod(body.from, body.to, {
      maxDays: MAX_HORIZON_DAYS,
      code: 'HORIZON_TOO_LONG',
      message: `Plan at most ${MAX_HORIZON_DAYS} days at a time.`,
    });
    if (body.to < localDate(this.clock.now())) throw unprocessable('HORIZON_PASSED', 'The period lies in the past.');
    const activityTypes = body.activityTypes?.length ? [...new Set(body.activityTypes)].sort() : null;
    const departmentIds = body.departmentIds?.length
      ? [...new Set(body.departmentIds.map((d) => d.toLowerCase()))].sort()
      : null;
    if (activityTypes) {
      const unknown = await this.input.listUnknownActivityCodes(activityTypes);
      if (unknown.length > 0)
        throw unprocessable('UNKNOWN_ACTIVITY', `Not group activities: ${unknown.map((u) => u.code).join(', ')}.`, {
          activityTypes: unknown.map((u) => u.code),
        });
    }
    if (departmentIds) {
      const unknown = await this.input.listUnknownDepartments(departmentIds);
      if (unknown.length > 0)
        throw unprocessable('UNKNOWN_DEPARTMENT', `No such departments: ${unknown.map((u) => u.id).join(', ')}.`, {
          departmentIds: unknown.map((u) => u.id),
        });
    }
    return {
      from: body.from,
      to: body.to,
      activityTypes,
      departmentIds,
      maxTravelKm: body.maxTravelKm ?? DEFAULT_MAX_TRAVEL_KM,
      timeLimitSeconds: body.timeLimitSeconds ?? null,
      withdrawSlots: body.withdrawSlots ?? true,
    };
  }

  private view(run: OptimiserRunRow, liveProgress?: number) {
    return {
      id: run.id,
      status: run.status,
      params: run.params,
      origin: run.origin,
      progress: run.status === 'running' ? Math.max(run.progress, liveProgress ?? 0) : run.progress,
      attempts: run.attempts,
      cancelRequested: run.cancelRequestedAt !== null,
      summary: run.summary,
      error: run.error,
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      appliedAt: run.appliedAt,
      applyReport: run.applyReport,
    };
  }
}
