/**
 * Constant weekly exit hazard whose (geometric) spell has the given mean length in weeks: a member who is in the
 * programme in week k leaves before week k+1 with probability h, so the mean number of weeks counted is 1 / h and a
 * steady inflow I gives a steady stock I / h.
 */
export function exitHazardForMeanSpell(meanWeeks: number): number {
  if (!Number.isFinite(meanWeeks) || meanWeeks < 1) {
    throw new Error(`Mean spell must be at least 1 week, got ${meanWeeks}`);
  }
  return 1 / meanWeeks;
}

/** A constant hazard, or one per programme week (index 0 = week 1); the last value applies to all later weeks. */
export type ExitHazard = number | readonly number[];

export interface ProgrammeProjection {
  /**
   * members[t][k] = members in programme week k+1 during calendar week t; the last column is open-ended
   * (programme week `weeksInProgramme` and later), so no one disappears from the stock except by exiting.
   */
  members: number[][];
  /** Members in the programme during week t (row sums). */
  stock: number[];
  /** Members who left between week t−1 and week t. */
  exits: number[];
}

function hazardArray(hazard: ExitHazard, weeks: number): number[] {
  const values = typeof hazard === 'number' ? [hazard] : [...hazard];
  if (values.length === 0) throw new Error('Hazard array must not be empty');
  for (const h of values) {
    if (!Number.isFinite(h) || h < 0 || h > 1) throw new Error(`Exit hazards must lie in [0, 1], got ${h}`);
  }
  return Array.from({ length: weeks }, (_, k) => values[Math.min(k, values.length - 1)]);
}

function assertWeeks(weeksInProgramme: number): void {
  if (!Number.isInteger(weeksInProgramme) || weeksInProgramme < 1) {
    throw new Error(`weeksInProgramme must be a positive integer, got ${weeksInProgramme}`);
  }
}

/**
 * Turns weekly inflow into members per programme week. New members are in programme week 1 in the week they arrive;
 * each week a share `hazard` of every programme week exits to work (or otherwise leaves). `initial` is the
 * distribution over programme weeks in the week before the first inflow (default empty; see steadyStateMembers).
 */
export function projectProgrammeWeeks(
  inflowByWeek: readonly number[],
  weeksInProgramme: number,
  hazard: ExitHazard,
  initial?: readonly number[],
): ProgrammeProjection {
  assertWeeks(weeksInProgramme);
  const h = hazardArray(hazard, weeksInProgramme);
  if (initial && initial.length !== weeksInProgramme) {
    throw new Error(`initial must have ${weeksInProgramme} values, got ${initial.length}`);
  }
  let previous = initial ? [...initial] : new Array<number>(weeksInProgramme).fill(0);
  const members: number[][] = [];
  const stock: number[] = [];
  const exits: number[] = [];
  inflowByWeek.forEach((inflow, t) => {
    if (!Number.isFinite(inflow) || inflow < 0) {
      throw new Error(`inflowByWeek[${t}] must be a finite number >= 0, got ${inflow}`);
    }
    const current = new Array<number>(weeksInProgramme).fill(0);
    current[0] = inflow;
    let left = 0;
    for (let k = 0; k < weeksInProgramme; k++) {
      const staying = previous[k] * (1 - h[k]);
      left += previous[k] * h[k];
      current[Math.min(k + 1, weeksInProgramme - 1)] += staying;
    }
    members.push(current);
    stock.push(current.reduce((a, b) => a + b, 0));
    exits.push(left);
    previous = current;
  });
  return { members, stock, exits };
}

/** Members per programme week under a constant weekly inflow, long after it started. */
export function steadyStateMembers(weeklyInflow: number, weeksInProgramme: number, hazard: ExitHazard): number[] {
  assertWeeks(weeksInProgramme);
  if (!Number.isFinite(weeklyInflow) || weeklyInflow < 0) {
    throw new Error(`weeklyInflow must be >= 0, got ${weeklyInflow}`);
  }
  const h = hazardArray(hazard, weeksInProgramme);
  const members = new Array<number>(weeksInProgramme).fill(0);
  members[0] = weeklyInflow;
  for (let k = 1; k < weeksInProgramme; k++) members[k] = members[k - 1] * (1 - h[k - 1]);
  const last = weeksInProgramme - 1;
  const hLast = h[last];
  if (weeksInProgramme > 1) {
    // The open-ended last column keeps (1 − h) of itself and receives the survivors of the column before it.
    if (hLast === 0) throw new Error('A zero hazard in the last programme week has no steady state');
    members[last] = (members[last - 1] * (1 - h[last - 1])) / hLast;
  } else {
    if (hLast === 0) throw new Error('A zero hazard has no steady state');
    members[0] = weeklyInflow / hLast;
  }
  return members;
}
