import { Inject, Injectable } from '@nestjs/common';
import { publicHolidaysBetween } from '../locations/calendar-rules.js';
import { buildOptimiserInstance, type InstanceNotes, type OptimiserInputData } from './build-instance.js';
import type { OptimiserInstance } from './core/types.js';
import { OptimiserInputRepository } from './optimiser-input.repository.js';
import { horizonOf } from './optimiser-params.js';
import type { OptimiserRunParams } from './optimiser-runs.repository.js';

@Injectable()
export class OptimiserInputService {
  constructor(@Inject(OptimiserInputRepository) private readonly input: OptimiserInputRepository) {}

  /** Loads one planning scope from the database as the core's instance. `now` is the earliest session start. */
  async load(params: OptimiserRunParams, now: number): Promise<{ instance: OptimiserInstance; notes: InstanceNotes }> {
    const horizon = horizonOf(params);
    const from = new Date(horizon.start);
    const to = new Date(horizon.end);
    const activities = await this.input.listGroupActivities(params.activityTypes);
    const offices = await this.input.listOffices(params.departmentIds);
    const officeIds = offices.map((o) => o.id);
    const items = await this.input.listOpenItems(
      activities.map((a) => a.code),
      params.departmentIds,
      from,
      to,
    );
    const memberIds = [...new Set(items.map((i) => i.memberId))];
    const leaders = await this.input.listLeaders();
    const leaderIds = leaders.map((l) => l.id);
    const earliest = Math.max(now, horizon.start);
    const [
      openingHours,
      closures,
      rooms,
      sessions,
      homes,
      memberBookings,
      commitments,
      absences,
      allocation,
      withdrawable,
    ] = await Promise.all([
      this.input.listOpeningHours(),
      this.input.listClosureDays(params.from, params.to),
      this.input.listRooms(officeIds),
      this.input.listScheduledSessions(officeIds, from, to),
      this.input.listMemberHomes(memberIds),
      this.input.listMemberBookings(memberIds, from, to),
      this.input.listStaffCommitments(leaderIds, from, to),
      this.input.listAbsences(leaderIds, params.from, params.to),
      this.input.listAcceptedAllocation(params.from, params.to),
      // Runs stored before the parameter existed read as true, its default.
      params.withdrawSlots === false
        ? Promise.resolve(undefined)
        : this.input.listWithdrawableSlots(leaderIds, new Date(earliest), to),
    ]);
    const data: OptimiserInputData = {
      horizon,
      now: earliest,
      maxTravelKm: params.maxTravelKm,
      departmentIds: params.departmentIds,
      holidays: publicHolidaysBetween(params.from, params.to).map((h) => h.date),
      activities,
      offices,
      openingHours,
      closures,
      rooms,
      sessions,
      items,
      homes,
      memberBookings,
      leaders,
      commitments,
      absences,
      ...(withdrawable ? { withdrawable } : {}),
      allocation:
        allocation === undefined
          ? { state: 'not-installed' }
          : allocation.allocations.length === 0
            ? { state: 'none-accepted' }
            : { state: 'used', ids: allocation.allocations.map((a) => a.id), assignments: allocation.assignments },
    };
    return buildOptimiserInstance(data);
  }
}
