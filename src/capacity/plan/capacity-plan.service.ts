import { setImmediate as nextTurn } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../../common/auth/access.service.js';
import { type Principal } from '../../common/auth/principal.js';
import { notFound } from '../../common/errors/domain-error.js';
import {
  CapacityPlanningInputsService,
  type PlanActuals,
  type PlanningInputs,
} from './capacity-planning-inputs.service.js';
import { buildOfficeWeeks, type OfficeWeek, planSignals, type Signal } from './core/office-weeks.js';
import type { PlanQuery } from '../dto/capacity-query.dto.js';
import { buildCapacityPlan, describeActivities, groupBacklog, summarisePlanSupply } from './core/capacity-plan.js';

/** Roles whose hours are one fund-wide pool (the job team serves every office). */
export const SHARED_POOL_ROLES: ReadonlySet<string> = new Set(['job-consultant']);

const round2 = (value: number) => Math.round(value * 100) / 100;
const sum = (values: number[]) => round2(values.reduce((a, b) => a + b, 0));

@Injectable()
export class CapacityPlanService {
  constructor(
    @Inject(CapacityPlanningInputsService) private readonly inputs: CapacityPlanningInputsService,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  async plan(principal: Principal, query: PlanQuery) {
    const inputs = await this.inputs.build(query.from, query.weeks ?? 13, query.scenario, true);
    const visible = this.access.visible(principal, inputs.offices);
    if (query.departmentId && !visible.some((o) => o.departmentId === query.departmentId))
      throw notFound('department', query.departmentId);
    const offices = new Map(
      visible.filter((o) => !query.departmentId || o.departmentId === query.departmentId).map((o) => [o.id, o]),
    );
    // The plan's rows as buildCapacityPlan makes them (no copy per row: at scale 9 there are 177,511 of them over 26
    // weeks); each office is described once in `offices`, each week's Monday once in `weekStarts`, each activity's
    // kind, role, skill and pool once in `activities`.
    // The computation is long (seconds at DEMO_SCALE=9): between its parts the event loop serves other requests, such
    // as kept plans answered while this one is computed.
    await nextTurn();
    const rows = buildCapacityPlan(inputs.demand, inputs.staff, SHARED_POOL_ROLES).filter((row) =>
      offices.has(row.officeId),
    );
    await nextTurn();
    const side = this.sideBySide(inputs, await inputs.actuals!, offices);
    await nextTurn();
    const backlog = groupBacklog(
      inputs.demand.filter((d) => offices.has(d.officeId)),
      inputs.weeks[inputs.weeks.length - 1].key,
    );
    // One pass over the rows for their activities and totals (each summed in the rows' order, as `sum` does).
    const codes = new Set<string>();
    let demandHours = 0;
    let shortfallHours = 0;
    for (const row of rows) {
      codes.add(row.activity);
      demandHours += row.demandHours;
      shortfallHours += Math.max(0, row.gapHours);
    }
    for (const week of side.officeWeeks) for (const a of week.activities) codes.add(a.activity);
    for (const signal of side.signals) if (signal.kind === 'publish-more') codes.add(signal.activity);
    for (const entry of backlog) codes.add(entry.activity);
    return {
      from: inputs.weeks[0].monday,
      weeks: inputs.weeks.map((w) => w.key),
      weekStarts: inputs.weeks.map((w) => w.monday),
      scenario: query.scenario ?? null,
      departmentId: query.departmentId ?? null,
      cohortStart: inputs.cohortStart,
      offices: [...offices.values()].map((o) => ({
        id: o.id,
        code: o.code,
        name: o.name,
        departmentId: o.departmentId,
      })),
      activities: describeActivities(codes, inputs.demand, inputs.activities, SHARED_POOL_ROLES),
      summary: {
        demandHours: round2(demandHours),
        ...summarisePlanSupply(rows, inputs.demand, inputs.staff, SHARED_POOL_ROLES, new Set(offices.keys())),
        shortfallHours: round2(shortfallHours),
        plannedHours: sum(side.officeWeeks.map((w) => w.plannedHours)),
        publishedSlotHours: sum(side.officeWeeks.map((w) => w.publishedSlotHours)),
        publishedSessionHours: sum(side.officeWeeks.map((w) => w.publishedSessionHours)),
        bookedHours: sum(side.officeWeeks.map((w) => w.bookedHours)),
        convertibleHours: sum(side.officeWeeks.map((w) => w.convertibleHours)),
        groupConvertibleHours: sum(side.officeWeeks.map((w) => w.groupConvertibleHours)),
        groupConvertibleNote: groupConvertibleNote(sum(side.officeWeeks.map((w) => w.groupConvertibleHours))),
        waitingSeats: sum(backlog.map((b) => b.waitingSeats)),
        ...(this.access.seesAllDepartments(principal)
          ? { fundParticipants: sum(inputs.demand.map((d) => d.participants)) }
          : {}),
      },
      rows,
      officeWeeks: side.officeWeeks,
      signals: side.signals,
      backlog,
    };
  }

  /**
   * Per office and week: demand, the accepted allocation, published and booked hours and the advisers needed, with
   * the signals a coordinator acts on. Office staff count for their own office; the job team is left out (it is one
   * fund-wide pool, shown in the rows).
   */
  private sideBySide(
    inputs: PlanningInputs,
    actuals: PlanActuals,
    offices: Map<string, { id: string; code: string; name: string }>,
  ) {
    const weekKeys = new Set(inputs.weeks.map((w) => w.key));
    const convertibleByOfficeWeek = new Map(
      actuals.groupConvertible.map((c) => [`${c.officeId}|${c.week}`, Math.round(c.hours * 100) / 100]),
    );
    const visible = <T extends { officeId: string; week: string }>(rows: readonly T[]) =>
      rows.filter((r) => offices.has(r.officeId) && weekKeys.has(r.week));
    // Per office, its staff's hours per week (in the staff's order, as one map per office and week summed them).
    const weekList = [...weekKeys];
    const supplyByOffice = new Map<string, { officeId: string; week: string; hours: number; adviserHours: number }[]>();
    for (const person of inputs.staff) {
      if (person.officeId === null || SHARED_POOL_ROLES.has(person.role) || !offices.has(person.officeId)) continue;
      let entries = supplyByOffice.get(person.officeId);
      if (!entries)
        supplyByOffice.set(
          person.officeId,
          (entries = weekList.map((week) => ({ officeId: person.officeId!, week, hours: 0, adviserHours: 0 }))),
        );
      for (let w = 0; w < weekList.length; w++) {
        const hours = person.hoursByWeek[weekList[w]] ?? 0;
        entries[w].hours += hours;
        if (person.role === 'adviser') entries[w].adviserHours += hours;
      }
    }
    const supply = [...supplyByOffice.values()].flat();
    const officeWeeks = buildOfficeWeeks({
      demand: visible(inputs.demand),
      planned: visible(actuals.planned),
      slots: visible(actuals.slots),
      slotBookings: visible(actuals.slotBookings),
      sessions: visible(actuals.sessions),
      supply,
      adviserShareByWeek: inputs.adviserShareByWeek,
    });
    const activityName = (code: string) => inputs.activities.get(code)?.nameDa ?? code;
    for (const w of officeWeeks) {
      (w as OfficeWeek & { groupConvertibleHours: number }).groupConvertibleHours =
        convertibleByOfficeWeek.get(`${w.officeId}|${w.week}`) ?? 0;
    }
    return {
      officeWeeks: officeWeeks as (OfficeWeek & { groupConvertibleHours: number })[],
      signals: planSignals(officeWeeks).map((s) =>
        Object.assign(s, { message: signalMessage(s, offices.get(s.officeId)!.name, activityName) }),
      ),
    };
  }
}

/** Why the plan's group supply and the optimiser agree: unbooked slots of staff who can lead are time a session may take. */
export function groupConvertibleNote(hours: number): string {
  return hours > 0
    ? `${hours} h of unbooked published slots belong to staff who can lead group sessions: convertible time the optimiser may withdraw (never a booked slot) to open a session where that places more members.`
    : 'No unbooked published slots of staff who can lead group sessions: no time is convertible into sessions.';
}

/** The signal as a coordinator reads it (English; the web app words it in Danish from the same fields). */
export function signalMessage(signal: Signal, officeName: string, activityName: (code: string) => string): string {
  const week = `week ${Number(signal.week.slice(6))}`;
  switch (signal.kind) {
    case 'publish-more':
      return `Publish ${signal.hours} more ${activityName(signal.activity)} ${signal.hours === 1 ? 'hour' : 'hours'} in ${officeName} in ${week}.`;
    case 'published-beyond-demand':
      return `${officeName}, ${week}: ${signal.role} slots published ${signal.hours} h beyond demand (${signal.convertibleHours} h unbooked): time that could lead sessions.`;
    case 'advisers-short':
      return `${officeName}, ${week}: ${signal.neededFte} adviser FTE needed for programme work, ${signal.availableFte} present.`;
  }
}
