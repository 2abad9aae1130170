import { addIsoWeeks, type IsoWeek, isoWeekStart } from '../../../shared/time/iso-week.js';

/** Deterministic 32-bit PRNG (mulberry32): the same seed gives the same stream on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function sampleNormal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Exact Poisson draw (Knuth), O(lambda) time, which suits the ~1 per office-week counts here. Large means are split
 * into chunks because the product of uniforms underflows beyond ~700.
 */
export function samplePoisson(lambda: number, random: () => number): number {
  if (!(lambda >= 0) || !Number.isFinite(lambda))
    throw new Error(`Poisson mean must be finite and >= 0, got ${lambda}`);
  let count = 0;
  let remaining = lambda;
  while (remaining > 0) {
    const chunk = Math.min(remaining, 30);
    remaining -= chunk;
    const limit = Math.exp(-chunk);
    let product = random();
    while (product > limit) {
      count += 1;
      product *= random();
    }
  }
  return count;
}

export interface SyntheticOffice {
  id: string;
  /** Relative size; shares are weight / sum of weights. */
  weight: number;
}

/**
 * A lasting change of the fund's level (e.g. a plant closure or a rule change): from week `week` the mean is
 * multiplied by a factor that moves linearly from 1 to `factor` over `rampWeeks` weeks and stays there.
 */
export interface LevelShift {
  /** Index of the first week affected (0 = the first generated week). */
  week: number;
  /** Final multiplier of the mean, e.g. 1.3 for +30 %. */
  factor: number;
  /** Weeks over which the shift builds up; 1 (default) is an abrupt step. */
  rampWeeks?: number;
}

export interface SyntheticInflowOptions {
  seed: number;
  weeks: number;
  startIsoWeek: IsoWeek;
  /** Expected new members a year over all offices (before trend and level noise). */
  yearlyTotal: number;
  offices: readonly SyntheticOffice[];
  /** Relative winter peak / summer trough of the smooth yearly cycle. Default 0.25. */
  seasonalAmplitude?: number;
  /** Extra relative inflow on 1–14 January. Default 0.8. */
  januaryJump?: number;
  /** Extra relative inflow on the first two days of each month. Default 0.6. */
  monthStartSpike?: number;
  /** Relative change of the level per year (e.g. -0.05). Default 0. */
  trendPerYear?: number;
  /**
   * Weekly standard deviation of a random walk in the log level (business cycle). Default 0.02, meant to make the
   * seasonal-naive forecast miss a 13-week fund total by about 13 %, a realistic miss for weekly inflow.
   */
  levelVolatility?: number;
  /** Weekly standard deviation of a random walk in each office's log weight. Default 0.01. */
  shareDrift?: number;
  /** Level shifts applied to the mean; they draw no random numbers, so the rest of the stream is unchanged. */
  levelShifts?: readonly LevelShift[];
}

export interface SyntheticInflow {
  isoWeeks: IsoWeek[];
  byOffice: Map<string, number[]>;
  /** Fund-level sum of the offices' counts. */
  total: number[];
  /** The fund-level Poisson mean of each week (the "truth" a perfect model would forecast). */
  expectedTotal: number[];
}

const DAY_MS = 86_400_000;
const PEAK_DAY_OF_YEAR = 20;

function dayOfYear(date: Date): number {
  return Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS);
}

function calendarFactor(date: Date, amplitude: number, januaryJump: number, monthStartSpike: number): number {
  const seasonal = 1 + amplitude * Math.cos((2 * Math.PI * (dayOfYear(date) - PEAK_DAY_OF_YEAR)) / 365.25);
  const day = date.getUTCDate();
  const january = date.getUTCMonth() === 0 && day <= 14 ? 1 + januaryJump : 1;
  const monthStart = day <= 2 ? 1 + monthStartSpike : 1;
  return seasonal * january * monthStart;
}

function shiftFactor(shifts: readonly LevelShift[], t: number): number {
  let factor = 1;
  for (const shift of shifts) {
    if (t < shift.week) continue;
    const progress = Math.min(1, (t - shift.week + 1) / (shift.rampWeeks ?? 1));
    factor *= 1 + (shift.factor - 1) * progress;
  }
  return factor;
}

/**
 * Weekly counts of newly unemployed members per office: a daily intensity with a yearly cycle, a January jump and
 * month-start spikes, summed over each ISO week, then split over offices by (optionally drifting) weights and drawn
 * from a Poisson distribution. Deterministic for a given seed.
 */
export function generateWeeklyInflow(options: SyntheticInflowOptions): SyntheticInflow {
  const {
    seed,
    weeks,
    startIsoWeek,
    yearlyTotal,
    offices,
    seasonalAmplitude = 0.25,
    januaryJump = 0.8,
    monthStartSpike = 0.6,
    trendPerYear = 0,
    levelVolatility = 0.02,
    shareDrift = 0.01,
    levelShifts = [],
  } = options;
  if (!Number.isInteger(weeks) || weeks < 0) throw new Error(`weeks must be a non-negative integer, got ${weeks}`);
  if (offices.length === 0) throw new Error('At least one office is required');
  if (!(yearlyTotal >= 0)) throw new Error(`yearlyTotal must be >= 0, got ${yearlyTotal}`);
  if (offices.some((o) => !(o.weight > 0))) throw new Error('Office weights must be > 0');
  if (new Set(offices.map((o) => o.id)).size !== offices.length) throw new Error('Office ids must be unique');
  for (const shift of levelShifts) {
    const ramp = shift.rampWeeks ?? 1;
    if (!Number.isInteger(shift.week) || shift.week < 0 || !(shift.factor > 0) || !Number.isInteger(ramp) || ramp < 1) {
      throw new Error('A level shift needs an integer week >= 0, a factor > 0 and an integer rampWeeks >= 1');
    }
  }

  // Normalise over four whole years so the calendar effects redistribute, not add to, the yearly total.
  const normStart = Date.UTC(2021, 0, 1);
  let factorSum = 0;
  for (let d = 0; d < 1461; d++) {
    factorSum += calendarFactor(new Date(normStart + d * DAY_MS), seasonalAmplitude, januaryJump, monthStartSpike);
  }
  const baseDaily = yearlyTotal / 365.25 / (factorSum / 1461);

  const random = mulberry32(seed);
  const logWeights = offices.map((o) => Math.log(o.weight));
  const byOffice = new Map<string, number[]>(offices.map((o) => [o.id, []]));
  const isoWeeks: IsoWeek[] = [];
  const total: number[] = [];
  const expectedTotal: number[] = [];
  const firstMonday = isoWeekStart(startIsoWeek).getTime();
  let logLevel = 0;

  for (let t = 0; t < weeks; t++) {
    isoWeeks.push(t === 0 ? { ...startIsoWeek } : addIsoWeeks(isoWeeks[t - 1], 1));
    let weekFactor = 0;
    for (let d = 0; d < 7; d++) {
      const day = new Date(firstMonday + (t * 7 + d) * DAY_MS);
      weekFactor += calendarFactor(day, seasonalAmplitude, januaryJump, monthStartSpike);
    }
    const trend = Math.pow(1 + trendPerYear, t / 52);
    const mean = baseDaily * weekFactor * trend * Math.exp(logLevel) * shiftFactor(levelShifts, t);
    expectedTotal.push(mean);

    const weights = logWeights.map((lw) => Math.exp(lw));
    const weightSum = weights.reduce((a, b) => a + b, 0);
    let weekTotal = 0;
    offices.forEach((office, i) => {
      const count = samplePoisson((mean * weights[i]) / weightSum, random);
      byOffice.get(office.id)!.push(count);
      weekTotal += count;
    });
    total.push(weekTotal);

    if (levelVolatility > 0) logLevel += levelVolatility * sampleNormal(random);
    if (shareDrift > 0) {
      for (let i = 0; i < logWeights.length; i++) logWeights[i] += shareDrift * sampleNormal(random);
    }
  }
  return { isoWeeks, byOffice, total, expectedTotal };
}

/**
 * Office weights shaped like the fund: `main` main offices with a few large city offices and a long tail, and
 * `satellite` smaller satellite offices. Ids are `main-01…` and `satellite-01…`.
 */
export function demoOfficeWeights(main = 30, satellite = 25): SyntheticOffice[] {
  const offices: SyntheticOffice[] = [];
  for (let i = 0; i < main; i++) {
    offices.push({ id: `main-${String(i + 1).padStart(2, '0')}`, weight: 3 / Math.pow(i + 1, 0.6) });
  }
  for (let i = 0; i < satellite; i++) {
    const weight = 0.2 + (0.3 * i) / Math.max(satellite - 1, 1);
    offices.push({ id: `satellite-${String(i + 1).padStart(2, '0')}`, weight });
  }
  return offices;
}
