import type { DemandRow } from './demand/project-demand.js';
import { qualifies } from './supply/staff-supply.js';
import {
  buildOfficeWeeks,
  FULL_TIME_WEEK_HOURS,
  type OfficeWeek,
  type OfficeWeekInput,
  splitSlotHours,
} from './office-weeks.js';
import {
  buildCapacityPlan,
  describeActivities,
  type GroupBacklog,
  groupBacklog,
  type PlanRow,
  type PlanStaff,
  type PlanSupplySummary,
  summarisePlanSupply,
} from './capacity-plan.js';

// The plan as computed before it was made fast at nationwide scale (indexes by office, one sum per kind of job-team
// person, one collator), kept word for word: the fast code must give the same plan, to the last digit and in order.
const round2 = (value: number) => Math.round(value * 100) / 100;

/** A row and an office week's activity as they were: with the activity's kind (and the row's role, skill and pool). */
type ReferencePlanRow = PlanRow & {
  kind: 'individual' | 'group';
  role: string;
  skill: string | null;
  pool: 'office' | 'job-team';
};
interface OfficeWeekActivity {
  activity: string;
  kind: 'individual' | 'group';
  demandHours: number;
  plannedHours: number;
  publishedHours: number;
  bookedHours: number;
  waitingSeats: number;
}
type ReferenceOfficeWeek = Omit<OfficeWeek, 'activities'> & { activities: OfficeWeekActivity[] };

/** The reference's rows as the plan answers them now: each activity's kind, role, skill and pool once, not per row. */
function leanRows(rows: readonly ReferencePlanRow[]): PlanRow[] {
  return rows.map(({ kind: _kind, role: _role, skill: _skill, pool: _pool, ...row }) => row);
}

/** The reference's office weeks as the plan answers them now: no kind per activity, all-zero activities left out. */
function leanOfficeWeeks(weeks: readonly ReferenceOfficeWeek[]): OfficeWeek[] {
  return weeks.map((week) => ({
    ...week,
    activities: week.activities
      .filter((a) => !(!a.demandHours && !a.plannedHours && !a.publishedHours && !a.bookedHours && !a.waitingSeats))
      .map(({ kind: _kind, ...a }) => a),
  }));
}

function referenceBuildCapacityPlan(
  demand: readonly DemandRow[],
  staff: readonly PlanStaff[],
  jobTeamRoles: ReadonlySet<string>,
): ReferencePlanRow[] {
  const poolKey = (row: DemandRow) =>
    jobTeamRoles.has(row.role)
      ? `${row.week}|*|${row.role}|${row.skill ?? ''}`
      : `${row.week}|${row.officeId}|${row.role}|${row.skill ?? ''}`;
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
    .map((row): ReferencePlanRow => {
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
    if (!pools.some((p) => p.role === row.role && p.skill === row.skill))
      pools.push({ role: row.role, skill: row.skill });
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
    const entry = byKey.get(k) ?? {
      officeId: row.officeId,
      activity: row.activity,
      participants: 0,
      sessions: 0,
      waitingSeats: 0,
    };
    entry.participants += row.participants;
    entry.sessions += row.sessions ?? 0;
    if (row.week === lastWeek) entry.waitingSeats += row.waitingSeats ?? 0;
    byKey.set(k, entry);
  }
  return [...byKey.values()]
    .filter((entry) => entry.waitingSeats > 0)
    .map((entry) => ({ ...entry, participants: round2(entry.participants), waitingSeats: round2(entry.waitingSeats) }))
    .sort(
      (a, b) =>
        b.waitingSeats - a.waitingSeats || a.officeId.localeCompare(b.officeId) || a.activity.localeCompare(b.activity),
    );
}

// The office-weeks as computed before they were summed in nested maps (one map per input with a joined string key).
const officeWeekKey = (officeId: string, week: string) => `${officeId}|${week}`;
const refCompare = (a: string, b: string) => a.localeCompare(b);

function referenceBuildOfficeWeeks(input: OfficeWeekInput): ReferenceOfficeWeek[] {
  const demandByActivity = new Map<string, number>();
  const kinds = new Map<string, 'individual' | 'group'>();
  const waiting = new Map<string, number>();
  for (const row of input.demand) {
    const k = `${row.officeId}|${row.week}|${row.activity}`;
    demandByActivity.set(k, (demandByActivity.get(k) ?? 0) + row.hours);
    waiting.set(k, (waiting.get(k) ?? 0) + (row.waitingSeats ?? 0));
    kinds.set(row.activity, row.kind);
  }
  const published = splitSlotHours(input.slots, demandByActivity);
  const planned = new Map<string, number>();
  for (const row of input.planned)
    planned.set(
      `${row.officeId}|${row.week}|${row.activity}`,
      (planned.get(`${row.officeId}|${row.week}|${row.activity}`) ?? 0) + row.hours,
    );
  const booked = new Map<string, number>();
  for (const row of input.slotBookings)
    booked.set(
      `${row.officeId}|${row.week}|${row.activity}`,
      (booked.get(`${row.officeId}|${row.week}|${row.activity}`) ?? 0) + row.hours,
    );
  for (const session of input.sessions) {
    const k = `${session.officeId}|${session.week}|${session.activity}`;
    published.set(k, (published.get(k) ?? 0) + session.hours);
    if (session.booked > 0) booked.set(k, (booked.get(k) ?? 0) + session.hours);
    kinds.set(session.activity, 'group');
  }

  const weeks = new Map<string, ReferenceOfficeWeek>();
  const weekOf = (officeId: string, week: string): ReferenceOfficeWeek => {
    let entry = weeks.get(officeWeekKey(officeId, week));
    if (!entry) {
      entry = {
        officeId,
        week,
        demandHours: 0,
        plannedHours: 0,
        publishedSlotHours: 0,
        publishedSessionHours: 0,
        bookedHours: 0,
        convertibleHours: 0,
        byRole: {},
        supplyHours: 0,
        advisersNeededFte: null,
        advisersAvailableFte: null,
        waitingSeats: 0,
        activities: [],
      };
      weeks.set(officeWeekKey(officeId, week), entry);
    }
    return entry;
  };
  const activityKeys = new Set([...demandByActivity.keys(), ...published.keys(), ...planned.keys(), ...booked.keys()]);
  for (const k of activityKeys) {
    const [officeId, week, activity] = k.split('|');
    const entry = weekOf(officeId, week);
    const row: OfficeWeekActivity = {
      activity,
      kind: kinds.get(activity) ?? 'individual',
      demandHours: round2(demandByActivity.get(k) ?? 0),
      plannedHours: round2(planned.get(k) ?? 0),
      publishedHours: round2(published.get(k) ?? 0),
      bookedHours: round2(booked.get(k) ?? 0),
      waitingSeats: round2(waiting.get(k) ?? 0),
    };
    entry.activities.push(row);
    entry.demandHours += demandByActivity.get(k) ?? 0;
    entry.plannedHours += planned.get(k) ?? 0;
    entry.bookedHours += booked.get(k) ?? 0;
    entry.waitingSeats += waiting.get(k) ?? 0;
  }
  const slotBooked = new Map<string, number>();
  for (const row of input.slotBookings)
    slotBooked.set(
      officeWeekKey(row.officeId, row.week),
      (slotBooked.get(officeWeekKey(row.officeId, row.week)) ?? 0) + row.hours,
    );
  const slotHoursByRole = new Map<string, Map<string, number>>();
  for (const slot of input.slots) {
    const entry = weekOf(slot.officeId, slot.week);
    entry.publishedSlotHours += slot.hours;
    const byRole = slotHoursByRole.get(officeWeekKey(slot.officeId, slot.week)) ?? new Map<string, number>();
    byRole.set(slot.role, (byRole.get(slot.role) ?? 0) + slot.hours);
    slotHoursByRole.set(officeWeekKey(slot.officeId, slot.week), byRole);
  }
  for (const session of input.sessions) weekOf(session.officeId, session.week).publishedSessionHours += session.hours;
  const adviserDemand = new Map<string, number>();
  const individualByRole = new Map<string, Map<string, number>>();
  for (const row of input.demand) {
    const k = officeWeekKey(row.officeId, row.week);
    if (row.role === 'adviser') adviserDemand.set(k, (adviserDemand.get(k) ?? 0) + row.hours);
    if (row.kind !== 'individual') continue;
    const byRole = individualByRole.get(k) ?? new Map<string, number>();
    byRole.set(row.role, (byRole.get(row.role) ?? 0) + row.hours);
    individualByRole.set(k, byRole);
  }
  for (const row of input.supply) {
    if (row.hours <= 0 && !weeks.has(officeWeekKey(row.officeId, row.week))) continue;
    const entry = weekOf(row.officeId, row.week);
    entry.supplyHours += row.hours;
    const share = input.adviserShareByWeek.get(row.week) ?? 0;
    if (share > 0)
      entry.advisersAvailableFte = round2(
        (entry.advisersAvailableFte ?? 0) + row.adviserHours / (FULL_TIME_WEEK_HOURS * share),
      );
  }

  for (const entry of weeks.values()) {
    const k = officeWeekKey(entry.officeId, entry.week);
    const share = input.adviserShareByWeek.get(entry.week) ?? 0;
    if (share > 0) {
      entry.advisersNeededFte = round2((adviserDemand.get(k) ?? 0) / (FULL_TIME_WEEK_HOURS * share));
      entry.advisersAvailableFte ??= 0;
    }
    // Unbooked slot time, by the role of whoever published it; bookings are taken from the roles in proportion.
    const byRole = slotHoursByRole.get(k) ?? new Map<string, number>();
    const unbooked = Math.max(0, entry.publishedSlotHours - (slotBooked.get(k) ?? 0));
    const demandByRole = individualByRole.get(k) ?? new Map<string, number>();
    for (const role of new Set([...byRole.keys(), ...demandByRole.keys()])) {
      const hours = byRole.get(role) ?? 0;
      entry.byRole[role] = {
        publishedSlotHours: round2(hours),
        individualDemandHours: round2(demandByRole.get(role) ?? 0),
        convertibleHours: round2(entry.publishedSlotHours > 0 ? (unbooked * hours) / entry.publishedSlotHours : 0),
      };
    }
    entry.convertibleHours = round2(unbooked);
    entry.demandHours = round2(entry.demandHours);
    entry.plannedHours = round2(entry.plannedHours);
    entry.publishedSlotHours = round2(entry.publishedSlotHours);
    entry.publishedSessionHours = round2(entry.publishedSessionHours);
    entry.bookedHours = round2(entry.bookedHours);
    entry.supplyHours = round2(entry.supplyHours);
    entry.waitingSeats = round2(entry.waitingSeats);
    entry.activities.sort((a, b) => b.demandHours - a.demandHours || refCompare(a.activity, b.activity));
  }
  return [...weeks.values()].sort((a, b) => refCompare(a.week, b.week) || refCompare(a.officeId, b.officeId));
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
          officeId,
          week,
          ...a,
          participants: h === 0 && next() < 0.5 ? 0 : Math.round(next() * 300) / 10,
          hours: h,
          ...(a.kind === 'group'
            ? { sessions: Math.floor(next() * 3), waitingSeats: Math.round(next() * 50) / 10 }
            : {}),
        });
      }
  const skillsOf = (role: string) =>
    role === 'adviser'
      ? next() < 0.5
        ? ['netcafe']
        : []
      : role === 'job-consultant'
        ? ['workshop', 'theme-day'].filter(() => next() < 0.6)
        : [];
  const staff: PlanStaff[] = [];
  for (let i = 0; i < officeCount * 4; i++) {
    const role = next() < 0.75 ? 'adviser' : 'pre-unemployment';
    staff.push({
      role,
      skills: skillsOf(role),
      officeId: offices[Math.floor(next() * officeCount)],
      hoursByWeek: Object.fromEntries(weeks.map((w) => [w, hours()])),
    });
  }
  for (let i = 0; i < Math.max(3, officeCount / 2); i++)
    staff.push({
      role: 'job-consultant',
      skills: skillsOf('job-consultant'),
      officeId: null,
      hoursByWeek: Object.fromEntries(weeks.map((w) => [w, hours()])),
    });
  // Office staff who also hold the job-team role count in its fund-wide pools.
  staff.push({
    role: 'job-consultant',
    skills: ['workshop'],
    officeId: offices[0],
    hoursByWeek: Object.fromEntries(weeks.map((w) => [w, hours()])),
  });
  return { offices, weeks, demand, staff };
}

const jobTeam = new Set(['job-consultant']);

describe('the fast plan computation', () => {
  it.each([
    [1, 3, 2],
    [7, 12, 5],
    [20261123, 40, 8],
  ])(
    'gives the same rows, supply totals and backlog as the computation before it (seed %i, %i offices, %i weeks)',
    (seed, officeCount, weekCount) => {
      const { offices, weeks, demand, staff } = dataset(seed, officeCount, weekCount);
      const rows = buildCapacityPlan(demand, staff, jobTeam);
      expect(rows.length).toBeGreaterThan(officeCount * weekCount);
      const reference = referenceBuildCapacityPlan(demand, staff, jobTeam);
      expect(rows).toEqual(leanRows(reference));
      // Every activity is described as each of its rows was.
      const described = new Map(
        describeActivities(new Set(rows.map((r) => r.activity)), demand, new Map(), jobTeam).map((a) => [
          a.activity,
          a,
        ]),
      );
      for (const row of reference)
        expect(described.get(row.activity)).toEqual({
          activity: row.activity,
          kind: row.kind,
          role: row.role,
          skill: row.skill,
          pool: row.pool,
        });
      for (const visible of [
        new Set(offices),
        new Set(offices.slice(0, Math.ceil(officeCount / 3))),
        new Set<string>(),
      ]) {
        const shown = rows.filter((r) => visible.has(r.officeId));
        expect(summarisePlanSupply(shown, demand, staff, jobTeam, visible)).toEqual(
          referenceSummarisePlanSupply(shown, demand, staff, jobTeam, visible),
        );
      }
      expect(groupBacklog(demand, weeks[weeks.length - 1])).toEqual(
        referenceGroupBacklog(demand, weeks[weeks.length - 1]),
      );
    },
  );

  it.each([
    [3, 4, 3],
    [11, 25, 6],
    [20261123, 60, 9],
  ])(
    'gives the same office-weeks, key by key and in order, as the computation before it (seed %i, %i offices, %i weeks)',
    (seed, officeCount, weekCount) => {
      const { offices, weeks, demand } = dataset(seed, officeCount, weekCount);
      const next = random(seed + 1);
      const codes = ['cv', 'net', 'pre', 'ws', 'theme', 'job', 'other'];
      const pick = () => offices[Math.floor(next() * offices.length)];
      const week = () => weeks[Math.floor(next() * weeks.length)];
      const hours = () => Math.round(next() * 700) / 100;
      const input: OfficeWeekInput = {
        demand,
        planned: Array.from({ length: officeCount * weekCount }, () => ({
          officeId: pick(),
          week: week(),
          activity: codes[Math.floor(next() * codes.length)],
          hours: hours(),
        })),
        slots: Array.from({ length: officeCount * weekCount * 2 }, () => ({
          officeId: pick(),
          week: week(),
          activityCodes: codes.filter(() => next() < 0.3).concat(next() < 0.1 ? ['cv', 'cv'] : []),
          role: next() < 0.7 ? 'adviser' : next() < 0.5 ? 'job-consultant' : 'pre-unemployment',
          hours: hours(),
        })),
        slotBookings: Array.from({ length: officeCount * weekCount }, () => ({
          officeId: pick(),
          week: week(),
          activity: codes[Math.floor(next() * codes.length)],
          hours: hours(),
        })),
        sessions: Array.from({ length: officeCount * weekCount }, () => ({
          officeId: pick(),
          week: week(),
          activity: next() < 0.5 ? 'net' : 'ws',
          hours: hours(),
          booked: next() < 0.5 ? 0 : 3,
        })),
        supply: offices.flatMap((officeId) =>
          weeks.map((w) => ({ officeId, week: w, hours: next() < 0.2 ? 0 : hours() * 10, adviserHours: hours() * 5 })),
        ),
        adviserShareByWeek: new Map(weeks.map((w, i) => [w, i === 0 ? 0 : 0.4 + next() / 2])),
      };
      const fast = buildOfficeWeeks(input);
      expect(fast.length).toBeGreaterThan(officeCount);
      const reference = referenceBuildOfficeWeeks(input);
      const allZero = (a: OfficeWeekActivity) =>
        !a.demandHours && !a.plannedHours && !a.publishedHours && !a.bookedHours && !a.waitingSeats;
      expect(reference.some((w) => w.activities.some(allZero))).toBe(true);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(leanOfficeWeeks(reference)));
    },
  );

  it('orders the plan rows key by key as before', () => {
    const { demand, staff } = dataset(5, 30, 6);
    const rows = buildCapacityPlan(demand, staff, jobTeam);
    expect(rows.some((r) => r.utilisation === null) && rows.some((r) => r.utilisation !== null)).toBe(true);
    expect(JSON.stringify(rows)).toBe(JSON.stringify(leanRows(referenceBuildCapacityPlan(demand, staff, jobTeam))));
  });

  it.each([
    ['too far apart for whole-number keys', (h: number, i: number) => (i % 7 === 0 ? h * 1e9 : h)],
    ['not numbers', (h: number, i: number) => (i === 3 ? Number.NaN : h)],
    ['infinite', (h: number, i: number) => (i === 5 ? Number.POSITIVE_INFINITY : h)],
  ])('orders the plan rows as before when the figures are %s', (_name, hours) => {
    const { demand, staff } = dataset(9, 20, 4);
    const odd = demand.map((row, i) => ({ ...row, hours: hours(row.hours, i) }));
    expect(JSON.stringify(buildCapacityPlan(odd, staff, jobTeam))).toBe(
      JSON.stringify(leanRows(referenceBuildCapacityPlan(odd, staff, jobTeam))),
    );
  });
});
