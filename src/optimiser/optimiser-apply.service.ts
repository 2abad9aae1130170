import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SessionPlacementService, type PlacementActor } from '../booking/sessions/session-placement.service.js';
import type { Principal } from '../common/auth/principal.js';
import { savepoint } from '../common/database/savepoint.js';
import { conflict, DomainError, notFound } from '../common/errors/domain-error.js';
import { recordSlotsWithdrawnMessages } from '../messaging/outbox.js';
import { OptimiserRunsRepository } from './optimiser-runs.repository.js';
import { Clock } from '../shared/time/clock.js';

interface LeftOut {
  memberId: string;
  programmeItemId: string;
  sessionKey?: string;
  sessionId?: string;
  reason: string;
}

export interface ApplyReport {
  sessionsCreated: { key: string; sessionId: string; bookings: number }[];
  sessionsNotCreated: { key: string; reason: string }[];
  seatsBooked: { sessionId: string; memberId: string; programmeItemId: string; bookingId: string }[];
  leftOut: LeftOut[];
  /** Slots withdrawn to give their time to a created session (absent in reports stored before withdrawals). */
  slotsWithdrawn: { slotId: string; sessionKey: string }[];
}

/** How long a second apply waits for the first before answering 409 APPLY_IN_PROGRESS. */
const APPLY_WAIT_MS = 5_000;

/** Runs one step in a savepoint: a failure rolls back only this step, and the transaction goes on. */
async function inSavepoint<T>(
  tx: EntityManager,
  name: string,
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
  const step = await savepoint(tx, name);
  try {
    const value = await work();
    await step.release();
    return { ok: true, value };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await step.rollback();
    return { ok: false, reason: error.code };
  }
}

@Injectable()
export class OptimiserApplyService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(OptimiserRunsRepository) private readonly runs: OptimiserRunsRepository,
    @Inject(SessionPlacementService) private readonly placement: SessionPlacementService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * The run's row, waited for at most APPLY_WAIT_MS: a second apply of a small proposal gets the first one's
   * report, and of a large one 409 APPLY_IN_PROGRESS rather than waiting out the statement timeout.
   */
  private lockRun(id: string, tx: EntityManager) {
    return this.runs.lockForApply(id, tx, APPLY_WAIT_MS);
  }

  /**
   * Writes a done run's sessions and bookings in one transaction, each re-checked against current data:
   * what no longer fits is left out and reported, and a session that would fall below its minimum is
   * not created. The run row, locked FOR UPDATE and marked applied in the same transaction, makes a
   * second or concurrent apply return the first one's report and book nothing.
   */
  apply(id: string, principal: Principal, now = this.clock.now()) {
    return this.dataSource.transaction(async (tx) => {
      const run = await this.lockRun(id, tx);
      if (!run) throw notFound('optimiser run', id);
      if (run.appliedAt)
        return {
          runId: id,
          alreadyApplied: true,
          appliedAt: run.appliedAt,
          report: run.applyReport as unknown as ApplyReport,
        };
      if (run.status !== 'done')
        throw conflict('RUN_NOT_DONE', `The run is ${run.status}; only a finished run can be applied.`);
      const result = await this.runs.loadResult(id, tx);
      if (!result) throw conflict('RUN_NOT_DONE', 'The run has no proposal.');
      const { instance, proposal } = result;
      const minimum = new Map(instance.activities.map((a) => [a.id, a.minSize]));
      const actor: PlacementActor = { actorRole: principal.role, actorId: principal.subjectId ?? null };
      const report: ApplyReport = {
        sessionsCreated: [],
        sessionsNotCreated: [],
        seatsBooked: [],
        leftOut: [],
        slotsWithdrawn: [],
      };
      let step = 0;

      for (const planned of proposal.newSessions) {
        const members = planned.itemIds.map((itemId, k) => ({
          memberId: planned.memberIds[k],
          programmeItemId: itemId,
        }));
        const seated: { memberId: string; programmeItemId: string; bookingId: string }[] = [];
        const missed: LeftOut[] = [];
        const withdrawn: { slotId: string; sessionKey: string }[] = [];
        const created = await inSavepoint(tx, `optimiser_session_${step++}`, async () => {
          // The session's time is its leader's only once these slots are gone; a slot booked or begun meanwhile leaves the session out.
          for (const slotId of planned.withdrawnSlotIds ?? []) {
            if (await this.placement.withdrawSlotInTx(tx, slotId, actor, now))
              withdrawn.push({ slotId, sessionKey: planned.key });
          }
          const sessionId = await this.placement.createSessionInTx(
            tx,
            {
              officeId: planned.officeId,
              roomId: planned.roomId,
              activityCode: planned.activityId,
              start: new Date(planned.start),
              end: new Date(planned.end),
              leaderIds: planned.leaderIds,
            },
            actor,
            now,
          );
          for (const member of members) {
            const seat = await inSavepoint(tx, `optimiser_seat_${step++}`, () =>
              this.placement.bookSeatInTx(
                tx,
                { memberId: member.memberId, itemId: member.programmeItemId, sessionId },
                actor,
                now,
              ),
            );
            if (seat.ok) seated.push({ ...member, bookingId: seat.value });
            else missed.push({ ...member, sessionKey: planned.key, reason: seat.reason });
          }
          const needed = minimum.get(planned.activityId) ?? 1;
          if (seated.length < needed)
            throw new DomainError('BELOW_MINIMUM', `${seated.length} of ${needed} members could still be booked.`);
          return sessionId;
        });
        if (created.ok) {
          report.sessionsCreated.push({ key: planned.key, sessionId: created.value, bookings: seated.length });
          report.seatsBooked.push(...seated.map((s) => ({ ...s, sessionId: created.value })));
          report.leftOut.push(...missed);
          report.slotsWithdrawn.push(...withdrawn);
        } else {
          report.sessionsNotCreated.push({ key: planned.key, reason: created.reason });
          const own = new Map(missed.map((m) => [m.programmeItemId, m.reason]));
          report.leftOut.push(
            ...members.map((m) => ({
              ...m,
              sessionKey: planned.key,
              reason: own.get(m.programmeItemId) ?? created.reason,
            })),
          );
        }
      }

      for (const existing of proposal.existingSeats) {
        for (let k = 0; k < existing.itemIds.length; k++) {
          const member = { memberId: existing.memberIds[k], programmeItemId: existing.itemIds[k] };
          const seat = await inSavepoint(tx, `optimiser_seat_${step++}`, () =>
            this.placement.bookSeatInTx(
              tx,
              { memberId: member.memberId, itemId: member.programmeItemId, sessionId: existing.sessionId },
              actor,
              now,
            ),
          );
          if (seat.ok) report.seatsBooked.push({ ...member, sessionId: existing.sessionId, bookingId: seat.value });
          else report.leftOut.push({ ...member, sessionId: existing.sessionId, reason: seat.reason });
        }
      }

      // The leaders whose slots went and their department's coordinators hear of it with the apply, or not at all.
      const sessionOf = new Map(report.sessionsCreated.map((s) => [s.key, s.sessionId]));
      await recordSlotsWithdrawnMessages(
        tx,
        id,
        report.slotsWithdrawn.flatMap((w) =>
          sessionOf.has(w.sessionKey) ? [{ slotId: w.slotId, sessionId: sessionOf.get(w.sessionKey)! }] : [],
        ),
      );
      await this.runs.markApplied(id, actor.actorId, report, tx);
      return { runId: id, alreadyApplied: false, appliedAt: now, report };
    });
  }
}
