import { addWeeks, format, setISOWeek, startOfISOWeekYear } from 'date-fns';
import type { LeaderJobRole } from '../../../shared/vocabulary/roles.js';
import type { AllocationDemand, AllocationInput, AllocationOffice, AllocationStaff } from './allocation.types.js';

/** The fund's 54 mapped office towns plus Kongens Lyngby; `size` is a rough workload weight, main offices first. */
const FUND_OFFICES: readonly { name: string; lat: number; lon: number; size: number }[] = [
  { name: 'København', lat: 55.6711, lon: 12.5653, size: 6 },
  { name: 'Aarhus', lat: 56.1567, lon: 10.2108, size: 4 },
  { name: 'Odense', lat: 55.3959, lon: 10.3883, size: 3.5 },
  { name: 'Aalborg', lat: 57.048, lon: 9.9187, size: 3.5 },
  { name: 'Esbjerg', lat: 55.4703, lon: 8.4519, size: 2.5 },
  { name: 'Randers', lat: 56.4607, lon: 10.0364, size: 2 },
  { name: 'Kolding', lat: 55.4904, lon: 9.4722, size: 2 },
  { name: 'Horsens', lat: 55.8607, lon: 9.8503, size: 2 },
  { name: 'Vejle', lat: 55.7093, lon: 9.5357, size: 2 },
  { name: 'Roskilde', lat: 55.6415, lon: 12.0803, size: 2 },
  { name: 'Herning', lat: 56.1362, lon: 8.9766, size: 1.8 },
  { name: 'Silkeborg', lat: 56.1697, lon: 9.5451, size: 1.8 },
  { name: 'Næstved', lat: 55.2299, lon: 11.7609, size: 1.8 },
  { name: 'Fredericia', lat: 55.5657, lon: 9.7526, size: 1.6 },
  { name: 'Viborg', lat: 56.4532, lon: 9.402, size: 1.6 },
  { name: 'Køge', lat: 55.458, lon: 12.1821, size: 1.6 },
  { name: 'Holstebro', lat: 56.3601, lon: 8.6161, size: 1.5 },
  { name: 'Slagelse', lat: 55.4028, lon: 11.3546, size: 1.5 },
  { name: 'Hillerød', lat: 55.9279, lon: 12.3008, size: 1.5 },
  { name: 'Sønderborg', lat: 54.909, lon: 9.7892, size: 1.5 },
  { name: 'Svendborg', lat: 55.0598, lon: 10.6068, size: 1.4 },
  { name: 'Hjørring', lat: 57.4642, lon: 9.9823, size: 1.4 },
  { name: 'Holbæk', lat: 55.7175, lon: 11.7128, size: 1.4 },
  { name: 'Helsingør', lat: 56.0361, lon: 12.6136, size: 1.4 },
  { name: 'Frederikshavn', lat: 57.4407, lon: 10.5366, size: 1.3 },
  { name: 'Haderslev', lat: 55.2494, lon: 9.4877, size: 1.3 },
  { name: 'Skive', lat: 56.567, lon: 9.0271, size: 1.2 },
  { name: 'Thisted', lat: 56.9552, lon: 8.6949, size: 1.2 },
  { name: 'Rønne', lat: 55.1009, lon: 14.7066, size: 1.2 },
  { name: 'Kalundborg', lat: 55.6795, lon: 11.0886, size: 1.2 },
  { name: 'Maribo', lat: 54.776, lon: 11.5, size: 0.7 },
  { name: 'Nyborg', lat: 55.3127, lon: 10.7896, size: 0.7 },
  { name: 'Faaborg', lat: 55.0951, lon: 10.2423, size: 0.7 },
  { name: 'Tønder', lat: 54.9331, lon: 8.8667, size: 0.7 },
  { name: 'Rudkøbing', lat: 54.936, lon: 10.71, size: 0.7 },
  { name: 'Ringe', lat: 55.238, lon: 10.478, size: 0.7 },
  { name: 'Lemvig', lat: 56.5486, lon: 8.3102, size: 0.7 },
  { name: 'Hobro', lat: 56.6431, lon: 9.7903, size: 0.7 },
  { name: 'Grenaa', lat: 56.4158, lon: 10.8782, size: 0.7 },
  { name: 'Ringkøbing', lat: 56.0901, lon: 8.244, size: 0.7 },
  { name: 'Skanderborg', lat: 56.0343, lon: 9.9318, size: 0.7 },
  { name: 'Grindsted', lat: 55.7573, lon: 8.9275, size: 0.7 },
  { name: 'Rødekro', lat: 55.07, lon: 9.335, size: 0.7 },
  { name: 'Skagen', lat: 57.721, lon: 10.584, size: 0.7 },
  { name: 'Assens', lat: 55.2702, lon: 9.9008, size: 0.7 },
  { name: 'Brønderslev', lat: 57.2702, lon: 9.941, size: 0.7 },
  { name: 'Nykøbing Sjælland', lat: 55.925, lon: 11.671, size: 0.7 },
  { name: 'Vordingborg', lat: 55.008, lon: 11.9106, size: 0.7 },
  { name: 'Kastrup', lat: 55.634, lon: 12.646, size: 0.7 },
  { name: 'Hvidovre', lat: 55.6572, lon: 12.4736, size: 0.7 },
  { name: 'Rødovre', lat: 55.681, lon: 12.454, size: 0.7 },
  { name: 'Frederiksværk', lat: 55.97, lon: 12.023, size: 0.7 },
  { name: 'Ringsted', lat: 55.4426, lon: 11.7901, size: 0.7 },
  { name: 'Løgstør', lat: 56.967, lon: 9.254, size: 0.7 },
  { name: 'Kongens Lyngby', lat: 55.7704, lon: 12.5038, size: 0.7 },
];

const MAIN_OFFICE_COUNT = 30;
const ISLANDS: Readonly<Record<string, string>> = { Rønne: 'bornholm' };
const JOB_TEAM_BASES = ['København', 'Aarhus', 'Odense', 'Aalborg', 'Fredericia', 'Esbjerg', 'Næstved'];
const FUND_STAFF = { adviser: 78, 'job-consultant': 7, 'pre-unemployment': 45 } as const;
const SHRINKAGE = 0.25;

interface ActivityShare {
  activity: string;
  skill: string | null;
  share: number;
}

const ADVISER_ACTIVITIES: readonly ActivityShare[] = [
  { activity: 'cv-meeting', skill: null, share: 0.2 },
  { activity: 'availability-meeting', skill: null, share: 0.15 },
  { activity: 'job-follow-up', skill: null, share: 0.45 },
  { activity: 'job-follow-up-plus50', skill: 'plus50', share: 0.08 },
  { activity: 'job-follow-up-newly-graduated', skill: 'newly-graduated', share: 0.05 },
  { activity: 'netcafe', skill: 'it', share: 0.07 },
];
const JOB_TEAM_ACTIVITIES: readonly ActivityShare[] = [
  { activity: 'first-joint-meeting', skill: null, share: 0.4 },
  { activity: 'min-vej-i-job', skill: null, share: 0.35 },
  { activity: 'workshop-soeg-uopfordret', skill: 'plus50', share: 0.1 },
  { activity: 'workshop-tal-dig-i-job', skill: 'newly-graduated', share: 0.08 },
  { activity: 'it-theme-day', skill: 'it', share: 0.07 },
];
const PRE_UNEMPLOYMENT_ACTIVITIES: readonly ActivityShare[] = [
  { activity: 'jobstarter-meeting', skill: null, share: 0.75 },
  { activity: 'snartudlaert-meeting', skill: 'apprentice', share: 0.25 },
];

export interface SyntheticAllocationOptions {
  /** 55 gives the fund itself (its towns, 78 advisers, 7 job consultants, 45 pre-unemployment staff); more scales staff with offices placed around those towns. */
  offices?: number;
  seed?: number;
  weeks?: number;
  firstWeek?: string;
  /** Fund-wide demand as a share of supply, per role (default 0.95): local shortages remain, so staff must move. */
  demandFactor?: number;
}

/** Small, fast, seedable PRNG (mulberry32), so tests and benchmarks see the same instance every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function isoWeekKeys(firstWeek: string, count: number): string[] {
  const match = /^(\d{4})-W(\d{2})$/.exec(firstWeek);
  if (!match) throw new Error(`not an ISO week key: ${firstWeek}`);
  const monday = setISOWeek(startOfISOWeekYear(new Date(Number(match[1]), 0, 4, 12)), Number(match[2]));
  return Array.from({ length: count }, (_, i) => format(addWeeks(monday, i), "RRRR-'W'II"));
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]+/g, '-');
}

/** Splits `total` over `weights` in whole units (largest remainder), giving every index at least `minimum`. */
function apportion(total: number, weights: readonly number[], minimum: number): number[] {
  const counts = weights.map(() => minimum);
  const rest = total - minimum * weights.length;
  if (rest <= 0) return counts;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * rest);
  exact.forEach((value, i) => (counts[i] += Math.floor(value)));
  let missing = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, i) => ({ i, r: value - Math.floor(value) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (missing-- <= 0) break;
    counts[i]++;
  }
  return counts;
}

const quarterHours = (hours: number): number => Math.round(hours * 4) / 4;

interface GeneratedOffice extends AllocationOffice {
  size: number;
  main: boolean;
}

function generateOffices(count: number, random: () => number): GeneratedOffice[] {
  const offices: GeneratedOffice[] = FUND_OFFICES.map((town, index) => ({
    id: slug(town.name),
    lat: town.lat,
    lon: town.lon,
    island: ISLANDS[town.name] ?? null,
    size: town.size,
    main: index < MAIN_OFFICE_COUNT,
  }));
  const totalSize = FUND_OFFICES.reduce((sum, town) => sum + town.size, 0);
  for (let n = offices.length; n < count; n++) {
    let pick = random() * totalSize;
    let anchor = 0;
    while (pick > FUND_OFFICES[anchor].size && anchor < FUND_OFFICES.length - 1) pick -= FUND_OFFICES[anchor++].size;
    const town = FUND_OFFICES[anchor];
    const island = ISLANDS[town.name] ?? null;
    const radiusKm = (island ? 2 : 3) + random() * (island ? 12 : 22);
    const angle = random() * 2 * Math.PI;
    offices.push({
      id: `${slug(town.name)}-${n}`,
      lat: town.lat + (radiusKm * Math.sin(angle)) / 111.2,
      lon: town.lon + (radiusKm * Math.cos(angle)) / (111.2 * Math.cos((town.lat * Math.PI) / 180)),
      island,
      size: 0.4 + random() * 1.2,
      main: false,
    });
  }
  return offices.slice(0, count);
}

function weeklyHours(weeks: readonly string[], contract: number, random: () => number): Record<string, number> {
  const hours: Record<string, number> = {};
  for (const week of weeks) {
    const roll = random();
    const present = roll < 0.06 ? 0 : roll < 0.16 ? 0.4 + random() * 0.4 : 1;
    hours[week] = quarterHours(contract * (1 - SHRINKAGE) * present);
  }
  return hours;
}

function pickSkills(random: () => number, odds: Readonly<Record<string, number>>): string[] {
  return Object.entries(odds)
    .filter(([, p]) => random() < p)
    .map(([skill]) => skill);
}

/** A seeded instance shaped like the fund (55 offices) or a nationwide scale-up of it, for tests and benchmarks. */
export function generateAllocationInstance(options: SyntheticAllocationOptions = {}): AllocationInput {
  const officeCount = options.offices ?? FUND_OFFICES.length;
  const random = seededRandom(options.seed ?? 1);
  const weeks = isoWeekKeys(options.firstWeek ?? '2026-W02', options.weeks ?? 13);
  const demandFactor = options.demandFactor ?? 0.95;
  const scale = officeCount / FUND_OFFICES.length;
  const offices = generateOffices(officeCount, random);
  const sizes = offices.map((office) => office.size);
  const staff: AllocationStaff[] = [];

  const adviserCounts = apportion(Math.round(FUND_STAFF.adviser * scale), sizes, 1);
  offices.forEach((office, o) => {
    for (let k = 0; k < adviserCounts[o]; k++) {
      staff.push({
        id: `adviser-${String(staff.length + 1).padStart(4, '0')}`,
        role: 'adviser',
        skills: pickSkills(random, { it: 0.3, plus50: 0.3, 'newly-graduated': 0.2 }),
        homeOfficeId: office.id,
        hoursByWeek: weeklyHours(weeks, random() < 0.2 ? 30 : 37, random),
      });
    }
  });

  const bases = offices.filter((office) => JOB_TEAM_BASES.some((name) => slug(name) === office.id));
  const jobTeamSize = Math.max(1, Math.round(FUND_STAFF['job-consultant'] * scale));
  const jobSkills = ['plus50', 'newly-graduated', 'it'];
  for (let k = 0; k < jobTeamSize; k++) {
    staff.push({
      id: `job-consultant-${String(k + 1).padStart(3, '0')}`,
      role: 'job-consultant',
      skills: jobSkills.filter((_, i) => i !== k % jobSkills.length),
      homeOfficeId: null,
      baseOfficeId: bases.length > 0 ? bases[k % bases.length].id : null,
      hoursByWeek: weeklyHours(weeks, 37, random),
    });
  }

  const preCounts = apportion(
    Math.round(FUND_STAFF['pre-unemployment'] * scale),
    offices.map((office) => (officeCount === FUND_OFFICES.length ? (office.main ? office.size : 0) : office.size)),
    0,
  );
  offices.forEach((office, o) => {
    for (let k = 0; k < preCounts[o]; k++) {
      staff.push({
        id: `pre-unemployment-${String(staff.length + 1).padStart(4, '0')}`,
        role: 'pre-unemployment',
        skills: pickSkills(random, { apprentice: 0.4 }),
        homeOfficeId: office.id,
        hoursByWeek: weeklyHours(weeks, 8, random),
      });
    }
  });

  const imbalance = offices.map(() => 0.6 + random() * 0.9);
  const demand: AllocationDemand[] = [];
  const addRole = (role: LeaderJobRole, activities: readonly ActivityShare[]): void => {
    const supplyPerWeek =
      staff
        .filter((person) => person.role === role)
        .reduce((sum, person) => sum + Object.values(person.hoursByWeek).reduce((a, b) => a + b, 0), 0) / weeks.length;
    const weights = offices.map((office, o) => office.size * imbalance[o]);
    const weightSum = weights.reduce((a, b) => a + b, 0);
    weeks.forEach((week, w) => {
      const season = 1 + 0.12 * Math.cos((2 * Math.PI * w) / 52);
      offices.forEach((office, o) => {
        const officeHours = (supplyPerWeek * demandFactor * season * weights[o]) / weightSum;
        for (const { activity, skill, share } of activities) {
          const hours = Math.round(officeHours * share * (0.7 + random() * 0.6) * 2) / 2;
          if (hours > 0) demand.push({ officeId: office.id, week, activity, role, skill, hours });
        }
      });
    });
  };
  addRole('adviser', ADVISER_ACTIVITIES);
  addRole('job-consultant', JOB_TEAM_ACTIVITIES);
  addRole('pre-unemployment', PRE_UNEMPLOYMENT_ACTIVITIES);

  return {
    weeks,
    offices: offices.map(({ id, lat, lon, island }) => ({ id, lat, lon, island })),
    staff,
    demand,
  };
}
