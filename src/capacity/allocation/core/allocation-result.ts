import {
  resolveParameters,
  travelCostPerHour,
  travelKmPerHour,
  type AllocationNetwork,
  type DemandNode,
  type DemandRow,
} from './allocation-network.js';
import type {
  AllocationAssignment,
  AllocationInput,
  AllocationResult,
  AllocationStats,
  AllocationStatus,
  AllocationTotals,
  UncoveredDemand,
  UncoveredReason,
} from './allocation.types.js';
import { haversineKm } from '../../../shared/geo.js';

/** Output precision: hundredths of an hour; smaller amounts are solver noise. */
const HOUR_EPSILON = 0.005;

export const roundHours = (hours: number): number => Math.round(hours * 100) / 100;

export function emptyTotals(): AllocationTotals {
  return {
    demandHours: 0,
    coveredHours: 0,
    uncoveredHours: 0,
    travelCost: 0,
    awayFromHomeHours: 0,
    crossOfficeHours: 0,
    travelKm: 0,
  };
}

/**
 * The objective tiers and derived figures of any set of assignments, computed from the input alone,
 * so an allocation from anywhere (the optimiser, the greedy baseline, a brute force, a coordinator's
 * manual change) is measured the same way. Hours assigned beyond an activity's demand cover nothing.
 */
export function evaluateAllocation(
  input: AllocationInput,
  assignments: readonly AllocationAssignment[],
): AllocationTotals {
  const parameters = resolveParameters(input);
  const offices = new Map(input.offices.map((office) => [office.id, office]));
  const staff = new Map(input.staff.map((person) => [person.id, person]));
  const demandByActivity = new Map<string, number>();
  const activityKey = (officeId: string, week: string, activity: string): string => `${officeId}|${week}|${activity}`;
  let demandHours = 0;
  for (const row of input.demand) {
    if (row.hours <= 0) continue;
    const key = activityKey(row.officeId, row.week, row.activity);
    demandByActivity.set(key, (demandByActivity.get(key) ?? 0) + row.hours);
    demandHours += row.hours;
  }
  const assignedByActivity = new Map<string, number>();
  const totals = emptyTotals();
  for (const assignment of assignments) {
    const key = activityKey(assignment.officeId, assignment.week, assignment.activity);
    assignedByActivity.set(key, (assignedByActivity.get(key) ?? 0) + assignment.hours);
    const person = staff.get(assignment.staffId);
    const office = offices.get(assignment.officeId);
    if (!person || !office) continue;
    const originId = person.homeOfficeId ?? person.baseOfficeId ?? null;
    const origin = originId === null ? undefined : offices.get(originId);
    const own = originId === office.id;
    const km = origin ? haversineKm(origin, office) : 0;
    totals.travelCost += assignment.hours * travelCostPerHour(parameters, km, own);
    totals.travelKm += assignment.hours * travelKmPerHour(parameters, km, own);
    if (!own) totals.crossOfficeHours += assignment.hours;
    if (person.homeOfficeId !== null && person.homeOfficeId !== office.id) totals.awayFromHomeHours += assignment.hours;
  }
  let covered = 0;
  for (const [key, hours] of demandByActivity) covered += Math.min(hours, assignedByActivity.get(key) ?? 0);
  totals.demandHours = demandHours;
  totals.coveredHours = covered;
  totals.uncoveredHours = Math.max(0, demandHours - covered);
  return totals;
}

interface Contribution {
  staffId: string;
  hours: number;
}

/** Splits each group's flow over its members (fill one person before the next, own office first, so few people travel). */
function splitGroupFlows(
  network: AllocationNetwork,
  week: number,
  flows: Float64Array,
  contributions: Map<number, Contribution[]>,
): Float64Array {
  const weekArcs = network.byWeek[week];
  const weekKey = network.input.weeks[week];
  const used = new Float64Array(network.groups.length);
  const arcsByGroup = new Map<number, number[]>();
  for (let k = 0; k < flows.length; k++) {
    if (flows[k] <= 1e-9) continue;
    const g = weekArcs.arcGroup[k];
    used[g] += flows[k];
    const list = arcsByGroup.get(g);
    if (list) list.push(k);
    else arcsByGroup.set(g, [k]);
  }
  for (const [g, arcs] of arcsByGroup) {
    arcs.sort((a, b) => weekArcs.arcOwn[b] - weekArcs.arcOwn[a] || weekArcs.arcKm[a] - weekArcs.arcKm[b] || a - b);
    const members = network.groups[g].members;
    let m = 0;
    let left = members[0]?.hoursByWeek[weekKey] ?? 0;
    for (const k of arcs) {
      let flow = flows[k];
      while (flow > 1e-9 && m < members.length) {
        if (left <= 1e-9) {
          m++;
          left = members[m]?.hoursByWeek[weekKey] ?? 0;
          continue;
        }
        const take = Math.min(flow, left);
        const n = weekArcs.arcNode[k];
        const list = contributions.get(n);
        const contribution = { staffId: members[m].id, hours: take };
        if (list) list.push(contribution);
        else contributions.set(n, [contribution]);
        flow -= take;
        left -= take;
      }
    }
  }
  return used;
}

/** Why demand stays uncovered, derived from the network and the hours actually used. */
function uncoveredReason(network: AllocationNetwork, node: DemandNode, usedByWeek: Float64Array[]): UncoveredReason {
  const candidates = network.groups.filter((group) => network.qualified[group.index][node.cls]);
  if (candidates.length === 0) return 'NO_QUALIFIED_STAFF';
  const inReach = candidates.filter((group) => group.reachSet.has(node.office));
  if (inReach.length === 0) return 'NO_STAFF_IN_REACH';
  const withHours = inReach.filter((group) => group.hours[node.week] > HOUR_EPSILON);
  if (withHours.length === 0) return 'NO_HOURS_IN_WEEK';
  const used = usedByWeek[node.week];
  return withHours.some((group) => group.hours[node.week] - used[group.index] > HOUR_EPSILON)
    ? 'NOT_OPTIMISED'
    : 'INSUFFICIENT_HOURS';
}

export interface ResultContext {
  status: AllocationStatus;
  stats: AllocationStats;
  startedAt: number;
  messages: string[];
}

/** Turns per-week arc flows into per-person, per-activity assignments, uncovered demand with reasons, and totals. */
export function buildAllocationResult(
  network: AllocationNetwork,
  flowsByWeek: readonly Float64Array[],
  context: ResultContext,
): AllocationResult {
  const assignments: AllocationAssignment[] = [];
  const uncovered: UncoveredDemand[] = [];
  const usedByWeek: Float64Array[] = [];
  network.input.weeks.forEach((weekKey, week) => {
    const contributions = new Map<number, Contribution[]>();
    usedByWeek.push(splitGroupFlows(network, week, flowsByWeek[week], contributions));
    for (const n of network.byWeek[week].nodes) {
      const node = network.nodes[n];
      const officeId = network.input.offices[node.office].id;
      const assigned = new Map<DemandRow, number>();
      let r = 0;
      let rowLeft = node.rows[0].hours;
      for (const contribution of contributions.get(n) ?? []) {
        let hours = contribution.hours;
        while (hours > 1e-9 && r < node.rows.length) {
          if (rowLeft <= 1e-9) {
            r++;
            rowLeft = node.rows[r]?.hours ?? 0;
            continue;
          }
          const take = Math.min(hours, rowLeft);
          const rounded = roundHours(take);
          if (rounded >= HOUR_EPSILON) {
            const row = node.rows[r];
            assignments.push({
              staffId: contribution.staffId,
              officeId,
              week: weekKey,
              activity: row.demand.activity,
              hours: rounded,
            });
            assigned.set(row, (assigned.get(row) ?? 0) + rounded);
          }
          hours -= take;
          rowLeft -= take;
        }
      }
      let reason: UncoveredReason | undefined;
      for (const row of node.rows) {
        const missing = roundHours(row.hours - (assigned.get(row) ?? 0));
        if (missing < HOUR_EPSILON) continue;
        reason ??= uncoveredReason(network, node, usedByWeek);
        const { activity, role, skill } = row.demand;
        uncovered.push({ officeId, week: weekKey, activity, role, skill, hours: missing, reason });
      }
    }
  });
  return {
    status: context.status,
    assignments,
    uncovered,
    totals: roundTotals(evaluateAllocation(network.input, assignments)),
    stats: context.stats,
    solveMs: Math.round((performance.now() - context.startedAt) * 10) / 10,
    messages: context.messages,
  };
}

function roundTotals(totals: AllocationTotals): AllocationTotals {
  return {
    demandHours: roundHours(totals.demandHours),
    coveredHours: roundHours(totals.coveredHours),
    uncoveredHours: roundHours(totals.uncoveredHours),
    travelCost: Math.round(totals.travelCost),
    awayFromHomeHours: roundHours(totals.awayFromHomeHours),
    crossOfficeHours: roundHours(totals.crossOfficeHours),
    travelKm: Math.round(totals.travelKm),
  };
}
