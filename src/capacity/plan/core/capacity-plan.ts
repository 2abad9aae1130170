import type { DemandRow } from './demand/project-demand.js';
import { qualifies } from './supply/staff-supply.js';

export interface PlanStaff {
  role: string;
  skills: readonly string[];
  /** Null for the job team: its hours form one pool shared by every office. */
  officeId: string | null;
  hoursByWeek: Readonly<Record<string, number>>;
}

/**
 * A plan row. Its activity's kind, leader role, skill and pool are the same in every row of that activity: they are
 * described once per activity (PlanActivity), not per row.
 */
export interface PlanRow {
  officeId: string;
  week: string;
  activity: string;
  participants: number;
  sessions: number | null;
  demandHours: number;
  /** This row's share of the qualified hours of its pool (in proportion to its demand). */
  supplyHours: number;
  /** Demand − supply: positive is a shortfall, negative spare hours. */
  gapHours: number;
  /** Demand of the whole pool over its qualified hours; null when the pool has no hours. */
  utilisation: number | null;
}

/** What every plan row and office-week entry of an activity shares. */
export interface PlanActivity {
  activity: string;
  kind: 'individual' | 'group';
  /** The leader role whose hours the activity draws on (null for an activity the plan knows no definition of). */
  role: string | null;
  skill: string | null;
  /** 'office': the office's own staff; 'job-team': the job team's hours, shared by every office. */
  pool: 'office' | 'job-team';
}

const round2 = (value: number) => Math.round(value * 100) / 100;
/** `a.localeCompare(b)` without building a collator for every call (the same ordering: ECMA-402 defines one by the other). */
const compareText = new Intl.Collator().compare;

/**
 * Demand against supply per office × week × activity. The qualified hours of a pool — an office's own staff, or the
 * whole job team for job-consultant activities — are shared among the activities that draw on them in proportion to
 * their demand, so every row of a pool shows the same utilisation and the pool's gaps add up to its real shortfall.
 * A person qualified for several activities counts in each pool they qualify for: who does what, and who travels, is
 * the allocation's job. Largest shortfall first.
 */
export function buildCapacityPlan(
  demand: readonly DemandRow[],
  staff: readonly PlanStaff[],
  jobTeamRoles: ReadonlySet<string>,
): PlanRow[] {
  // Pools by number, not by a string key per row: week, office (job-team pools have none) and (role, skill).
  const weekIndex = new Map<string, number>();
  const officeIndex = new Map<string, number>();
  const activityIndex = new Map<string, number>();
  const kindIndex = new Map<string, Map<string | null, number>>();
  let kinds = 0;
  const indexOf = <K>(map: Map<K, number>, value: K) => {
    let index = map.get(value);
    if (index === undefined) map.set(value, (index = map.size));
    return index;
  };
  const n = demand.length;
  const weekOf = new Int32Array(n);
  const officeOf = new Int32Array(n);
  const activityOf = new Int32Array(n);
  const kindOf = new Int32Array(n);
  const shared = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = demand[i];
    weekOf[i] = indexOf(weekIndex, row.week);
    shared[i] = jobTeamRoles.has(row.role) ? 1 : 0;
    officeOf[i] = indexOf(officeIndex, row.officeId);
    activityOf[i] = indexOf(activityIndex, row.activity);
    let skills = kindIndex.get(row.role);
    if (!skills) kindIndex.set(row.role, (skills = new Map()));
    let kind = skills.get(row.skill);
    if (kind === undefined) skills.set(row.skill, (kind = kinds++));
    kindOf[i] = kind;
  }
  const offices = officeIndex.size + 1;
  const poolOf = (i: number) => (weekOf[i] * offices + (shared[i] ? 0 : officeOf[i] + 1)) * kinds + kindOf[i];
  const poolCount = weekIndex.size * offices * kinds;
  const poolDemand = new Float64Array(poolCount);
  for (let i = 0; i < n; i++) poolDemand[poolOf(i)] += demand[i].hours;
  const poolSupply = new Float64Array(poolCount).fill(Number.NaN);
  // Office pools read only the office's own staff (in the staff's order, so the sums are the same as a full scan).
  const staffByOffice = new Map<string, PlanStaff[]>();
  for (const person of staff) {
    if (person.officeId === null) continue;
    const list = staffByOffice.get(person.officeId);
    if (list) list.push(person);
    else staffByOffice.set(person.officeId, [person]);
  }
  const rows: PlanRow[] = [];
  /** Each row's demand row. */
  const source = new Int32Array(n);
  const gap = new Float64Array(n);
  const use = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = demand[i];
    if (!(row.hours > 0 || row.participants > 0)) continue;
    const pool = poolOf(i);
    const pooledDemand = poolDemand[pool];
    let pooledSupply = poolSupply[pool];
    if (Number.isNaN(pooledSupply)) {
      pooledSupply = 0;
      for (const person of shared[i] ? staff : (staffByOffice.get(row.officeId) ?? [])) {
        if (!qualifies(person, row.role, row.skill)) continue;
        pooledSupply += person.hoursByWeek[row.week] ?? 0;
      }
      poolSupply[pool] = pooledSupply;
    }
    const supplyHours = pooledDemand > 0 ? (pooledSupply * row.hours) / pooledDemand : 0;
    const planRow: PlanRow = {
      officeId: row.officeId,
      week: row.week,
      activity: row.activity,
      participants: row.participants,
      sessions: row.sessions ?? null,
      demandHours: row.hours,
      supplyHours: round2(supplyHours),
      gapHours: round2(row.hours - supplyHours),
      utilisation: pooledSupply > 0 ? round2(pooledDemand / pooledSupply) : null,
    };
    source[rows.length] = i;
    gap[rows.length] = planRow.gapHours;
    use[rows.length] = planRow.utilisation ?? Number.POSITIVE_INFINITY;
    rows.push(planRow);
  }
  // Ties are broken by week, office and activity in the collator's order: ranked once (over every demand row's, which
  // orders the rows' the same), compared as numbers.
  const ranks = (index: Map<string, number>) => {
    const rank = rankOf(index.keys());
    const byIndex = new Int32Array(index.size);
    for (const [value, i] of index) byIndex[i] = rank.get(value)!;
    return byIndex;
  };
  const weekRank = ranks(weekIndex);
  const officeRank = ranks(officeIndex);
  const activityRank = ranks(activityIndex);
  const m = rows.length;
  const weekAt = new Int32Array(m);
  const officeAt = new Int32Array(m);
  const activityAt = new Int32Array(m);
  for (let r = 0; r < m; r++) {
    const i = source[r];
    weekAt[r] = weekRank[weekOf[i]];
    officeAt[r] = officeRank[officeOf[i]];
    activityAt[r] = activityRank[activityOf[i]];
  }
  const sorted = new Array<PlanRow>(m);
  const byKeys = orderByKeys(gap, use, weekAt, officeAt, activityAt, m);
  if (byKeys) {
    for (let k = 0; k < m; k++) sorted[k] = rows[byKeys[k]];
    return sorted;
  }
  const order = new Array<number>(m);
  for (let r = 0; r < m; r++) order[r] = r;
  // The same comparisons as before, in order (Infinity − Infinity is NaN and falls through, as it did); the sort is stable.
  order.sort(
    (i, j) =>
      gap[j] - gap[i] ||
      use[j] - use[i] ||
      weekAt[i] - weekAt[j] ||
      officeAt[i] - officeAt[j] ||
      activityAt[i] - activityAt[j],
  );
  for (let k = 0; k < m; k++) sorted[k] = rows[order[k]];
  return sorted;
}

/**
 * The rows' order (gap, then utilisation, largest first, null utilisation before any; then week, office and activity
 * ranks; then the rows' own order, as the stable sort by those comparisons gives) as one whole-number key per row,
 * sorted by the engine without a comparison function: a tenth of the time for 177,511 rows. Gap and utilisation are
 * round2's results, k / 100 for a whole k, so k orders them as they are. Undefined when a figure is not such, or the
 * keys would not fit a double exactly: the caller then sorts by comparisons.
 */
function orderByKeys(
  gap: Float64Array,
  use: Float64Array,
  weekAt: Int32Array,
  officeAt: Int32Array,
  activityAt: Int32Array,
  m: number,
): Int32Array | undefined {
  let gapMin = 0;
  let gapMax = 0;
  let useMin = 0;
  let useMax = 0;
  let weeks = 1;
  let offices = 1;
  let activities = 1;
  const gapKey = new Float64Array(m);
  const useKey = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const g = Math.round(gap[r] * 100);
    if (g / 100 !== gap[r]) return undefined;
    gapKey[r] = g;
    if (g < gapMin) gapMin = g;
    if (g > gapMax) gapMax = g;
    if (use[r] !== Number.POSITIVE_INFINITY) {
      const u = Math.round(use[r] * 100);
      if (u / 100 !== use[r]) return undefined;
      useKey[r] = u;
      if (u < useMin) useMin = u;
      if (u > useMax) useMax = u;
    }
    if (weekAt[r] >= weeks) weeks = weekAt[r] + 1;
    if (officeAt[r] >= offices) offices = officeAt[r] + 1;
    if (activityAt[r] >= activities) activities = activityAt[r] + 1;
  }
  const useRange = useMax - useMin + 2;
  const gapRange = gapMax - gapMin + 1;
  const places = weeks * offices * activities;
  if (gapRange * useRange * m >= Number.MAX_SAFE_INTEGER || places > 8 * m + 1024) return undefined;
  // Week, office and activity, then the row's own order: a counting sort by the three ranks (stable), as positions.
  const counts = new Int32Array(places + 1);
  const placeOf = new Int32Array(m);
  for (let r = 0; r < m; r++) {
    placeOf[r] = (weekAt[r] * offices + officeAt[r]) * activities + activityAt[r];
    counts[placeOf[r] + 1]++;
  }
  for (let p = 0; p < places; p++) counts[p + 1] += counts[p];
  const rowAt = new Int32Array(m);
  const keys = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const position = counts[placeOf[r]]++;
    rowAt[position] = r;
    // Largest gap first, then the largest utilisation (null, as Infinity, before any), then that position.
    const utilisation = use[r] === Number.POSITIVE_INFINITY ? 0 : useMax - useKey[r] + 1;
    keys[r] = ((gapMax - gapKey[r]) * useRange + utilisation) * m + position;
  }
  keys.sort();
  const order = new Int32Array(m);
  for (let k = 0; k < m; k++) order[k] = rowAt[keys[k] % m];
  return order;
}

/**
 * The plan's activities (`codes`, in the collator's order), each described once: as its demand rows describe it, or,
 * for an activity without demand in the plan (only published, planned or booked), as its definition does. Demand rows
 * of one activity that describe it differently are a bug: the plan could not say which applies.
 */
export function describeActivities(
  codes: Iterable<string>,
  demand: readonly DemandRow[],
  definitions: ReadonlyMap<
    string,
    { kind: 'individual' | 'group'; leaderRoles: readonly string[]; leaderSkill: string | null }
  >,
  jobTeamRoles: ReadonlySet<string>,
): PlanActivity[] {
  const described = new Map<string, PlanActivity>();
  for (const row of demand) {
    const known = described.get(row.activity);
    if (!known) {
      described.set(row.activity, {
        activity: row.activity,
        kind: row.kind,
        role: row.role,
        skill: row.skill,
        pool: jobTeamRoles.has(row.role) ? 'job-team' : 'office',
      });
    } else if (known.kind !== row.kind || known.role !== row.role || known.skill !== row.skill) {
      throw new Error(`Demand rows describe activity ${row.activity} in two ways`);
    }
  }
  return [...rankOf(codes).keys()].map((code) => {
    const known = described.get(code);
    if (known) return known;
    const definition = definitions.get(code);
    const role = definition?.leaderRoles[0] ?? null;
    return {
      activity: code,
      kind: definition?.kind ?? 'individual',
      role,
      skill: definition?.leaderSkill ?? null,
      pool: role !== null && jobTeamRoles.has(role) ? 'job-team' : 'office',
    };
  });
}

/** Each distinct text's place in the collator's order (equal texts share one). */
export function rankOf(values: Iterable<string>): Map<string, number> {
  const distinct = [...new Set(values)].sort(compareText);
  const rank = new Map<string, number>();
  distinct.forEach((value, i) =>
    rank.set(value, i > 0 && compareText(distinct[i - 1], value) === 0 ? rank.get(distinct[i - 1])! : i),
  );
  return rank;
}

export interface PlanSupplySummary {
  /** Each person's hours counted once: the hours of everyone in at least one of the plan's pools. */
  supplyHours: number;
  /** The pools' hours added up: a person qualified for several pools (advisers for CV meetings and netcafés, the job team for workshops and theme days) counts in each. What the pools *could* draw on, not what exists. */
  pooledSupplyHours: number;
}

/**
 * The plan's supply totals. Office staff count for their own office when they are in any pool of it that week; a
 * job-team person counts once fund-wide, and for a plan of some offices only with the share of the job-team demand
 * they qualify for that falls on those offices.
 */
export function summarisePlanSupply(
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
      const rows = jobTeamRows.get(row.week);
      if (rows) rows.push(row);
      else jobTeamRows.set(row.week, [row]);
      continue;
    }
    let byOffice = officePools.get(row.week);
    if (!byOffice) officePools.set(row.week, (byOffice = new Map()));
    let pools = byOffice.get(row.officeId);
    if (!pools) byOffice.set(row.officeId, (pools = []));
    let known = false;
    for (let p = 0; p < pools.length && !known; p++) known = pools[p].role === row.role && pools[p].skill === row.skill;
    if (!known) pools.push({ role: row.role, skill: row.skill });
  }
  const weeks = new Set([...officePools.keys(), ...jobTeamRows.keys()]);
  // The job-team demand a person qualifies for depends only on which of the week's (role, skill) pools they qualify
  // for: summed once per week and such set (over the rows in their order, so the sums are those of a scan per person).
  const jobTeamPoolsByWeek = new Map<string, { role: string; skill: string | null }[]>();
  /** Per week, the pool (its index in jobTeamPoolsByWeek) of each job-team row. */
  const jobTeamRowPools = new Map<string, number[]>();
  for (const [week, rows] of jobTeamRows) {
    const pools: { role: string; skill: string | null }[] = [];
    const rowPools: number[] = [];
    for (const row of rows) {
      let index = pools.findIndex((p) => p.role === row.role && p.skill === row.skill);
      if (index < 0) index = pools.push({ role: row.role, skill: row.skill }) - 1;
      rowPools.push(index);
    }
    jobTeamPoolsByWeek.set(week, pools);
    jobTeamRowPools.set(week, rowPools);
  }
  const jobTeamShares = new Map<string, { all: number; here: number }>();
  const jobTeamShare = (person: PlanStaff, week: string): { all: number; here: number } => {
    const pools = jobTeamPoolsByWeek.get(week) ?? [];
    const qualified = pools.map((pool) => qualifies(person, pool.role, pool.skill));
    const kindKey = `${week}|${qualified.map(Number).join('')}`;
    let share = jobTeamShares.get(kindKey);
    if (!share) {
      share = { all: 0, here: 0 };
      const rows = jobTeamRows.get(week) ?? [];
      const rowPools = jobTeamRowPools.get(week) ?? [];
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        if (!qualified[rowPools[i]]) continue;
        share.all += row.hours;
        if (officeIds.has(row.officeId)) share.here += row.hours;
      }
      jobTeamShares.set(kindKey, share);
    }
    return share;
  };
  // People of the same role and skills qualify for the same pools: their shares are looked up once per week.
  const sharesBySkills = new Map<string, Map<string, { all: number; here: number }>>();
  let supplyHours = 0;
  for (const person of staff) {
    let shares: Map<string, { all: number; here: number }> | undefined;
    if (person.officeId === null) {
      const skills = `${person.role}\u0000${person.skills.join('\u0000')}`;
      shares = sharesBySkills.get(skills);
      if (!shares) sharesBySkills.set(skills, (shares = new Map()));
    } else if (!officeIds.has(person.officeId)) continue;
    for (const week of weeks) {
      const hours = person.hoursByWeek[week] ?? 0;
      if (hours <= 0) continue;
      if (!shares) {
        const pools = officePools.get(week)?.get(person.officeId!) ?? [];
        if (pools.some((pool) => qualifies(person, pool.role, pool.skill))) supplyHours += hours;
        continue;
      }
      let share = shares.get(week);
      if (!share) shares.set(week, (share = jobTeamShare(person, week)));
      if (share.all > 0) supplyHours += (hours * share.here) / share.all;
    }
  }
  return { supplyHours: round2(supplyHours), pooledSupplyHours: round2(pooledSupplyHours) };
}

export interface GroupBacklog {
  officeId: string;
  activity: string;
  /** Seats the window's members need (expected values). */
  participants: number;
  sessions: number;
  /** Seats still waiting at the end of the window for a session that reaches its minimum. */
  waitingSeats: number;
}

/**
 * Per office and group activity over the plan's window: the seats members need, the sessions that can open, and the
 * backlog left waiting at the end because too few gather for a session's minimum (or more than the sessions hold).
 * Largest backlog first; activities with nothing waiting are left out.
 */
export function groupBacklog(demand: readonly DemandRow[], lastWeek: string): GroupBacklog[] {
  // Per office, then activity (no joined key per row); the entries in the order first seen.
  const byOffice = new Map<string, Map<string, GroupBacklog>>();
  const entries: GroupBacklog[] = [];
  for (const row of demand) {
    if (row.kind !== 'group') continue;
    let byActivity = byOffice.get(row.officeId);
    if (!byActivity) byOffice.set(row.officeId, (byActivity = new Map()));
    let entry = byActivity.get(row.activity);
    if (!entry) {
      entry = { officeId: row.officeId, activity: row.activity, participants: 0, sessions: 0, waitingSeats: 0 };
      byActivity.set(row.activity, entry);
      entries.push(entry);
    }
    entry.participants += row.participants;
    entry.sessions += row.sessions ?? 0;
    if (row.week === lastWeek) entry.waitingSeats += row.waitingSeats ?? 0;
  }
  return entries
    .filter((entry) => entry.waitingSeats > 0)
    .map((entry) => ({ ...entry, participants: round2(entry.participants), waitingSeats: round2(entry.waitingSeats) }))
    .sort(
      (a, b) =>
        b.waitingSeats - a.waitingSeats || compareText(a.officeId, b.officeId) || compareText(a.activity, b.activity),
    );
}
