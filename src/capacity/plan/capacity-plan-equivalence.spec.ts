import type { DemandRow } from '../demand/project-demand.js';
import { qualifies } from '../supply/staff-supply.js';
import { buildCapacityPlan, type GroupBacklog, groupBacklog, type PlanRow, type PlanStaff, type PlanSupplySummary, summarisePlanSupply } from './capacity-plan.js';

// The plan as computed before it was made fast at nationwide scale (indexes by office, one sum per kind of job-team
// person, one collator), kept word for word: the fast code must give the same plan, to the last digit and in order.
const round2 = (value: number) => Math.round(value * 100) / 100;

function referenceBuildCapacityPlan(demand: readonly DemandRow[], staff: readonly PlanStaff[], jobTeamRoles: ReadonlySet<string>): PlanRow[] {
  const poolKey = (row: DemandRow) =>
    jobTeamRoles.has(row.role) ? `${row.week}|*|${row.role}|${row.skill ?? ''}` : `${row.week}|${row.officeId}|${row.role}|${row.skill ?? ''}`;
  const poolDemand = new Map<string, number>();
  for (const row of demand) poolDemand.set(poolKey(row), (poolDemand.get(poolKey(row)) ?? 0) + row.hours);
  const poolSupply = new Map<string, number>();
  const supplyOf = (row: DemandRow, key: string): number => {
    let hours = poolSupply.get(key);
    if (hours === undefined) {
      const shared = jobTeamRoles.has(row.role);
      hours = 0;
      for (const person of staff) {
        if (!qualifies(person, row.role, row.skill)) continue;
        if (!shared && person.officeId !== row.officeId) continue;
        hours += person.hoursByWeek[row.week] ?? 0;
      }
      poolSupply.set(key, hours);
    }
    return hours;
  };
  const rows = demand
    .filter((row) => row.hours > 0 || row.participants > 0)
    .map((row): PlanRow => {
      const key = poolKey(row);
      const pooledDemand = poolDemand.get(key)!;
      const pooledSupply = supplyOf(row, key);
      const supplyHours = pooledDemand > 0 ? (pooledSupply * row.hours) / pooledDemand : 0;
      return {
        officeId: row.officeId,
        week: row.week,
        activity: row.activity,
        kind: row.kind,
        role: row.role,
        skill: row.skill,
        participants: row.participants,
        sessions: row.sessions ?? null,
        demandHours: row.hours,
        supplyHours: round2(supplyHours),
        gapHours: round2(row.hours - supplyHours),
        utilisation: pooledSupply > 0 ? round2(pooledDemand / pooledSupply) : null,
        pool: jobTeamRoles.has(row.role) ? 'job-team' : 'office',
      };
    });
  return rows.sort(
    (a, b) =>
      b.gapHours - a.gapHours ||
      (b.utilisation ?? Number.POSITIVE_INFINITY) - (a.utilisation ?? Number.POSITIVE_INFINITY) ||
      a.week.localeCompare(b.week) ||
      a.officeId.localeCompare(b.officeId) ||
      a.activity.localeCompare(b.activity),
  );
}

function referenceSummarisePlanSupply(
  rows: readonly PlanRow[],
  demand: readonly DemandRow[],
  staff: readonly PlanStaff[],
  jobTeamRoles: ReadonlySet<string>,
  officeIds: ReadonlySet<string>,
): PlanSupplySummary {
  const pooledSupplyHours = rows.reduce((total, row) => total + row.supplyHours, 0);
  // Per week: the (role, skill) pools each office has demand in, and the job-team rows.
  const officePools = new Map<string, Map<string, { role: string; skill: string | null }[]>>();
  const jobTeamRows = new Map<string, DemandRow[]>();
  for (const row of demand) {
    if (row.hours <= 0 && row.participants <= 0) continue;
    if (jobTeamRoles.has(row.role)) {
      const rows = jobTeamRows.get(row.week) ?? [];
      jobTeamRows.set(row.week, rows);
      rows.push(row);
      continue;
    }
    const byOffice = officePools.get(row.week) ?? new Map<string, { role: string; skill: string | null }[]>();
    officePools.set(row.week, byOffice);
    const pools = byOffice.get(row.officeId) ?? [];
    byOffice.set(row.officeId, pools);
    if (!pools.some((p) => p.role === row.role && p.skill === row.skill)) pools.push({ role: row.role, skill: row.skill });
  }
  const weeks = new Set([...officePools.keys(), ...jobTeamRows.keys()]);
  let supplyHours = 0;
  for (const person of staff) {
    for (const week of weeks) {
      const hours = person.hoursByWeek[week] ?? 0;
      if (hours <= 0) continue;
      if (person.officeId !== null) {
        if (!officeIds.has(person.officeId)) continue;
        const pools = officePools.get(week)?.get(person.officeId) ?? [];
        if (pools.some((pool) => qualifies(person, pool.role, pool.skill))) supplyHours += hours;
        continue;
      }
      let all = 0;
      let here = 0;
      for (const row of jobTeamRows.get(week) ?? []) {
        if (!qualifies(person, row.role, row.skill)) continue;
        all += row.hours;
        if (officeIds.has(row.officeId)) here += row.hours;
      }
      if (all > 0) supplyHours += (hours * here) / all;
    }
  }
  return { supplyHours: round2(supplyHours), pooledSupplyHours: round2(pooledSupplyHours) };
}

function referenceGroupBacklog(demand: readonly DemandRow[], lastWeek: string): GroupBacklog[] {
  const byKey = new Map<string, GroupBacklog>();
  for (const row of demand) {
    if (row.kind !== 'group') continue;
    const k = `${row.officeId}|${row.activity}`;
    const entry = byKey.get(k) ?? { officeId: row.officeId, activity: row.activity, participants: 0, sessions: 0, waitingSeats: 0 };
    entry.participants += row.participants;
    entry.sessions += row.sessions ?? 0;
    if (row.week === lastWeek) entry.waitingSeats += row.waitingSeats ?? 0;
    byKey.set(k, entry);
  }
  return [...byKey.values()]
    .filter((entry) => entry.waitingSeats > 0)
    .map((entry) => ({ ...entry, participants: round2(entry.participants), waitingSeats: round2(entry.waitingSeats) }))
    .sort((a, b) => b.waitingSeats - a.waitingSeats || a.officeId.localeCompare(b.officeId) || a.activity.localeCompare(b.activity));
}

/** A seeded generator (mulberry32), so each dataset is fixed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTIVITIES = [
  { activity: 'cv', kind: 'individual', role: 'adviser', skill: null },
  { activity: 'net', kind: 'group', role: 'adviser', skill: 'netcafe' },
  { activity: 'pre', kind: 'individual', role: 'pre-unemployment', skill: null },
  { activity: 'ws', kind: 'group', role: 'job-consultant', skill: 'workshop' },
  { activity: 'theme', kind: 'group', role: 'job-consultant', skill: 'theme-day' },
  { activity: 'job', kind: 'individual', role: 'job-consultant', skill: null },
] as const;

function dataset(seed: number, officeCount: number, weekCount: number) {
  const next = random(seed);
  const offices = Array.from({ length: officeCount }, (_, i) => `office-${String.fromCharCode(97 + (i % 26))}-${i}`);
  const weeks = Array.from({ length: weekCount }, (_, i) => `2027-W${String(i + 1).padStart(2, '0')}`);
  const hours = () => (next() < 0.15 ? 0 : Math.round(next() * 4000) / 100);
  const demand: DemandRow[] = [];
  for (const week of weeks)
    for (const officeId of offices)
      for (const a of ACTIVITIES) {
        if (next() < 0.2) continue;
        const h = hours();
        demand.push({
          officeId, week, ...a, participants: h === 0 && next() < 0.5 ? 0 : Math.round(next() * 300) / 10, hours: h,
          ...(a.kind === 'group' ? { sessions: Math.floor(next() * 3), waitingSeats: Math.round(next() * 50) / 10 } : {}),
        });
      }
  const skillsOf = (role: string) =>
    role === 'adviser' ? (next() < 0.5 ? ['netcafe'] : []) : role === 'job-consultant' ? ['workshop', 'theme-day'].filter(() => next() < 0.6) : [];
  const staff: PlanStaff[] = [];
  for (let i = 0; i < officeCount * 4; i++) {
    const role = next() < 0.75 ? 'adviser' : 'pre-unemployment';
    staff.push({ role, skills: skillsOf(role), officeId: offices[Math.floor(next() * officeCount)], hoursByWeek: Object.fromEntries(weeks.map((w) => [w, hours()])) });
  }
  for (let i = 0; i < Math.max(3, officeCount / 2); i++)
    staff.push({ role: 'job-consultant', skills: skillsOf('job-consultant'), officeId: null, hoursByWeek: Object.fromEntries(weeks.map((w) => [w, hours()])) });
  // Office staff who also hold the job-team role count in its fund-wide pools.
  staff.push({ role: 'job-consultant', skills: ['workshop'], officeId: offices[0], hoursByWeek: Object.fromEntries(weeks.map((w) => [w, hours()])) });
  return { offices, weeks, demand, staff };
}

const jobTeam = new Set(['job-consultant']);

describe('the fast plan computation', () => {
  it.each([
    [1, 3, 2],
    [7, 12, 5],
    [20261123, 40, 8],
  ])('gives the same rows, supply totals and backlog as the computation before it (seed %i, %i offices, %i weeks)', (seed, officeCount, weekCount) => {
    const { offices, weeks, demand, staff } = dataset(seed, officeCount, weekCount);
    const rows = buildCapacityPlan(demand, staff, jobTeam);
    expect(rows.length).toBeGreaterThan(officeCount * weekCount);
    expect(rows).toEqual(referenceBuildCapacityPlan(demand, staff, jobTeam));
    for (const visible of [new Set(offices), new Set(offices.slice(0, Math.ceil(officeCount / 3))), new Set<string>()]) {
      const shown = rows.filter((r) => visible.has(r.officeId));
      expect(summarisePlanSupply(shown, demand, staff, jobTeam, visible)).toEqual(referenceSummarisePlanSupply(shown, demand, staff, jobTeam, visible));
    }
    expect(groupBacklog(demand, weeks[weeks.length - 1])).toEqual(referenceGroupBacklog(demand, weeks[weeks.length - 1]));
  });
});
