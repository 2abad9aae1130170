import {
  ALLOCATION_DEFAULTS,
  type AllocationDemand,
  type AllocationInput,
  type AllocationStaff,
} from './allocation.types.js';
import { haversineKm } from '../../../shared/geo.js';
import type { LeaderJobRole } from '../../../shared/vocabulary/roles.js';

export interface AllocationParameters {
  travelCostPerKm: number;
  crossOfficePenalty: number;
  hoursPerVisit: number;
  defaultMaxTravelKm: number;
}

export function resolveParameters(input: AllocationInput): AllocationParameters {
  return {
    travelCostPerKm: input.travelCostPerKm ?? ALLOCATION_DEFAULTS.travelCostPerKm,
    crossOfficePenalty: input.crossOfficePenalty ?? ALLOCATION_DEFAULTS.crossOfficePenalty,
    hoursPerVisit: input.hoursPerVisit ?? ALLOCATION_DEFAULTS.hoursPerVisit,
    defaultMaxTravelKm: input.defaultMaxTravelKm ?? ALLOCATION_DEFAULTS.defaultMaxTravelKm,
  };
}

/** Tier-2 cost of one hour worked `km` from one's own office: a round trip and a visit penalty per `hoursPerVisit` hours. */
export function travelCostPerHour(parameters: AllocationParameters, km: number, atOwnOffice: boolean): number {
  if (atOwnOffice) return 0;
  return (2 * km * parameters.travelCostPerKm + parameters.crossOfficePenalty) / parameters.hoursPerVisit;
}

export function travelKmPerHour(parameters: AllocationParameters, km: number, atOwnOffice: boolean): number {
  return atOwnOffice ? 0 : (2 * km) / parameters.hoursPerVisit;
}

/**
 * Staff who are interchangeable for the optimiser: same role, skills, home, travel base and reach.
 * Aggregating them is exact because costs and qualifications depend on nothing else; the group's
 * hours are split back over its members afterwards.
 */
export interface StaffGroup {
  index: number;
  role: LeaderJobRole;
  skills: ReadonlySet<string>;
  /** Office index, or -1 for the job team. */
  home: number;
  /** Office travel is measured from: home, else base, else -1 (no travel distance known). */
  origin: number;
  members: AllocationStaff[];
  /** Hours per week index, summed over members. */
  hours: Float64Array;
  /** Offices the group may serve, nearest first, with km from origin. */
  reachOffices: Int32Array;
  reachKm: Float64Array;
  reachSet: ReadonlySet<number>;
}

export interface DemandClass {
  role: LeaderJobRole;
  skill: string | null;
}

export interface DemandRow {
  demand: AllocationDemand;
  hours: number;
}

/** Demand of one class at one office in one week; its rows are the activities, in input order. */
export interface DemandNode {
  index: number;
  week: number;
  office: number;
  cls: number;
  hours: number;
  rows: DemandRow[];
}

/** Who can serve what in one week: one arc per (group with hours, reachable node it qualifies for). */
export interface WeekArcs {
  week: number;
  nodes: number[];
  arcGroup: Int32Array;
  arcNode: Int32Array;
  /** Tier-2 cost per hour. */
  arcCost: Float64Array;
  /** Tier-3 cost per hour: 1 when a home-office person works away from home. */
  arcAway: Uint8Array;
  arcKm: Float64Array;
  /** True when the arc ends at the group's own (home or base) office. */
  arcOwn: Uint8Array;
}

export interface AllocationNetwork {
  input: AllocationInput;
  parameters: AllocationParameters;
  groups: StaffGroup[];
  classes: DemandClass[];
  /** qualified[group][class] */
  qualified: Uint8Array[];
  nodes: DemandNode[];
  byWeek: WeekArcs[];
}

function buildGroups(
  input: AllocationInput,
  parameters: AllocationParameters,
  officeIndex: Map<string, number>,
): StaffGroup[] {
  const weekIndex = new Map(input.weeks.map((week, index) => [week, index]));
  const byKey = new Map<string, StaffGroup>();
  const sortedStaff = [...input.staff].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const person of sortedStaff) {
    const home = person.homeOfficeId === null ? -1 : (officeIndex.get(person.homeOfficeId) ?? -1);
    const base = person.baseOfficeId ? (officeIndex.get(person.baseOfficeId) ?? -1) : -1;
    const origin = home >= 0 ? home : base;
    const maxKm = person.maxTravelKm ?? (home >= 0 ? parameters.defaultMaxTravelKm : Number.POSITIVE_INFINITY);
    const skills = [...new Set(person.skills)].sort();
    const key = [person.role, skills.join(','), home, origin, maxKm].join('|');
    let group = byKey.get(key);
    if (!group) {
      const reach = computeReach(input, home, origin, maxKm);
      group = {
        index: byKey.size,
        role: person.role,
        skills: new Set(skills),
        home,
        origin,
        members: [],
        hours: new Float64Array(input.weeks.length),
        reachOffices: Int32Array.from(reach, (r) => r.office),
        reachKm: Float64Array.from(reach, (r) => r.km),
        reachSet: new Set(reach.map((r) => r.office)),
      };
      byKey.set(key, group);
    }
    group.members.push(person);
    for (const [week, hours] of Object.entries(person.hoursByWeek)) {
      const w = weekIndex.get(week);
      if (w !== undefined) group.hours[w] += hours;
    }
  }
  return [...byKey.values()];
}

/** Home-office staff stay on their own island (ferry-only islands are separate); the job team goes anywhere within its reach. */
function computeReach(
  input: AllocationInput,
  home: number,
  origin: number,
  maxKm: number,
): { office: number; km: number }[] {
  const reach: { office: number; km: number }[] = [];
  const from = origin >= 0 ? input.offices[origin] : undefined;
  input.offices.forEach((office, index) => {
    const km = from ? haversineKm(from, office) : 0;
    if (home >= 0) {
      if (index !== home && (km > maxKm || office.island !== input.offices[home].island)) return;
    } else if (km > maxKm) {
      return;
    }
    reach.push({ office: index, km: index === origin ? 0 : km });
  });
  return reach.sort((a, b) => a.km - b.km || a.office - b.office);
}

export function buildAllocationNetwork(input: AllocationInput): AllocationNetwork {
  const parameters = resolveParameters(input);
  const officeIndex = new Map(input.offices.map((office, index) => [office.id, index]));
  const weekIndex = new Map(input.weeks.map((week, index) => [week, index]));
  const groups = buildGroups(input, parameters, officeIndex);

  const classes: DemandClass[] = [];
  const classIndex = new Map<string, number>();
  const nodes: DemandNode[] = [];
  const nodeIndex = new Map<string, DemandNode>();
  const rowIndex = new Map<string, DemandRow>();
  for (const demand of input.demand) {
    if (demand.hours <= 0) continue;
    const classKey = `${demand.role}|${demand.skill ?? ''}`;
    let cls = classIndex.get(classKey);
    if (cls === undefined) {
      cls = classes.length;
      classes.push({ role: demand.role, skill: demand.skill });
      classIndex.set(classKey, cls);
    }
    const week = weekIndex.get(demand.week) as number;
    const office = officeIndex.get(demand.officeId) as number;
    const nodeKey = `${week}|${office}|${cls}`;
    let node = nodeIndex.get(nodeKey);
    if (!node) {
      node = { index: nodes.length, week, office, cls, hours: 0, rows: [] };
      nodes.push(node);
      nodeIndex.set(nodeKey, node);
    }
    node.hours += demand.hours;
    const rowKey = `${nodeKey}|${demand.activity}`;
    const row = rowIndex.get(rowKey);
    if (row) {
      row.hours += demand.hours;
    } else {
      const merged = { demand, hours: demand.hours };
      node.rows.push(merged);
      rowIndex.set(rowKey, merged);
    }
  }

  const qualified = groups.map((group) =>
    Uint8Array.from(classes, (cls) =>
      cls.role === group.role && (cls.skill === null || group.skills.has(cls.skill)) ? 1 : 0,
    ),
  );

  const byWeek = input.weeks.map((_, week) =>
    buildWeekArcs(week, groups, nodes, qualified, parameters, input.offices.length),
  );
  return { input, parameters, groups, classes, qualified, nodes, byWeek };
}

function buildWeekArcs(
  week: number,
  groups: StaffGroup[],
  allNodes: DemandNode[],
  qualified: Uint8Array[],
  parameters: AllocationParameters,
  officeCount: number,
): WeekArcs {
  const nodes = allNodes.filter((node) => node.week === week).map((node) => node.index);
  const nodesAtOffice: number[][] = Array.from({ length: officeCount }, () => []);
  for (const n of nodes) nodesAtOffice[allNodes[n].office].push(n);

  const arcGroup: number[] = [];
  const arcNode: number[] = [];
  const arcCost: number[] = [];
  const arcAway: number[] = [];
  const arcKm: number[] = [];
  const arcOwn: number[] = [];
  for (const group of groups) {
    if (group.hours[week] <= 0) continue;
    const qualifiedFor = qualified[group.index];
    for (let r = 0; r < group.reachOffices.length; r++) {
      const office = group.reachOffices[r];
      const here = nodesAtOffice[office];
      if (here.length === 0) continue;
      const km = group.reachKm[r];
      const own = office === group.origin;
      const cost = travelCostPerHour(parameters, km, own);
      const away = group.home >= 0 && office !== group.home ? 1 : 0;
      for (const n of here) {
        if (!qualifiedFor[allNodes[n].cls]) continue;
        arcGroup.push(group.index);
        arcNode.push(n);
        arcCost.push(cost);
        arcAway.push(away);
        arcKm.push(km);
        arcOwn.push(own ? 1 : 0);
      }
    }
  }
  return {
    week,
    nodes,
    arcGroup: Int32Array.from(arcGroup),
    arcNode: Int32Array.from(arcNode),
    arcCost: Float64Array.from(arcCost),
    arcAway: Uint8Array.from(arcAway),
    arcKm: Float64Array.from(arcKm),
    arcOwn: Uint8Array.from(arcOwn),
  };
}
