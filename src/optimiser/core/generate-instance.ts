import { DANISH_CLOSURE_DATES_2026_2027, DANISH_OFFICE_TOWNS } from './danish-offices.js';
import { haversineKm } from '../../shared/geo.js';
import { COPENHAGEN as DEFAULT_TIME_ZONE } from '../../shared/time/index.js';
import { buildDayCalendar, localInstant } from './local-time.js';
import { createRng, type Rng } from './rng.js';
import {
  type ActivityDef,
  type ExistingSessionDef,
  type Interval,
  type LeaderDef,
  type MemberDef,
  type OfficeDef,
  type OptimiserInstance,
  type ProgrammeItemDef,
  type RoomDef,
} from './types.js';

export const NETCAFE = 'netcafe';
export const WORKSHOP_UNSOLICITED = 'workshop-soeg-uopfordret';
export const WORKSHOP_APPLICATIONS = 'workshop-skriv-dig-i-job';
export const WORKSHOP_INTERVIEWS = 'workshop-tal-dig-i-job';
export const THEME_BACK_TO_WORK = 'themeday-i-job-igen';
export const THEME_READY_FOR_WORK = 'themeday-klar-til-job';
export const THEME_IT = 'themeday-it-temadag';

/** The catalogue's group activities with the standard local times used for new sessions. */
export const STANDARD_GROUP_ACTIVITIES: readonly ActivityDef[] = [
  {
    id: NETCAFE,
    kind: 'netcafe',
    minSize: 2,
    maxSize: 4,
    leaderRole: 'adviser',
    times: [
      { start: '09:00', durationMinutes: 120 },
      { start: '13:00', durationMinutes: 120 },
    ],
  },
  ...[WORKSHOP_UNSOLICITED, WORKSHOP_APPLICATIONS, WORKSHOP_INTERVIEWS].map((id): ActivityDef => ({
    id,
    kind: 'workshop',
    minSize: 4,
    maxSize: 16,
    leaderRole: 'jobConsultant',
    times: [
      { start: '09:00', durationMinutes: 180 },
      { start: '12:30', durationMinutes: 180 },
    ],
  })),
  ...[THEME_BACK_TO_WORK, THEME_READY_FOR_WORK, THEME_IT].map((id): ActivityDef => ({
    id,
    kind: 'themeDay',
    minSize: 8,
    maxSize: 30,
    leaderRole: 'jobConsultant',
    times: [{ start: '09:00', durationMinutes: 360 }],
  })),
];

export interface GeneratorOptions {
  seed: number;
  /** Offices; the 55 real towns, jittered copies beyond that. Default 55. */
  offices?: number;
  /** Members whose first day of unemployment falls in the generated period (only high-risk ones get group items). */
  members: number;
  /** Planning horizon in weeks. */
  weeks: number;
  /** Local Monday the horizon starts, default '2026-01-05'. */
  startDate?: string;
  /** Share of members in a strengthened programme; default 0.45. */
  highRiskShare?: number;
  /** Job consultants; default scales with offices and the weekly inflow. */
  consultants?: number;
  /** Advisers per office (fractional shares are spread); default 1.4. */
  advisersPerOffice?: number;
  /** Published sessions with seats left; default offices / 4. */
  existingSessions?: number;
  /** Members living far from any office; default 0.02. */
  remoteShare?: number;
}

interface Programme {
  weight: number;
  activities: { id: string; fromWeek: number; toWeek: number }[];
  netcafe: boolean;
}

const W4 = { fromWeek: 4, toWeek: 4 };
const W5 = { fromWeek: 5, toWeek: 5 };
const W7_8 = { fromWeek: 7, toWeek: 8 };

/** Strengthened programmes (see PROGRAMME_TEMPLATES): netcafé week 3, workshops weeks 4 and 5, theme day weeks 7–8. */
const PROGRAMMES: readonly Programme[] = [
  {
    weight: 0.25,
    netcafe: false,
    activities: [
      { id: WORKSHOP_UNSOLICITED, ...W4 },
      { id: WORKSHOP_APPLICATIONS, ...W5 },
      { id: THEME_BACK_TO_WORK, ...W7_8 },
    ],
  },
  {
    weight: 0.08,
    netcafe: true,
    activities: [
      { id: WORKSHOP_UNSOLICITED, ...W4 },
      { id: WORKSHOP_APPLICATIONS, ...W5 },
      { id: THEME_BACK_TO_WORK, ...W7_8 },
      { id: THEME_IT, ...W7_8 },
    ],
  },
  {
    weight: 0.17,
    netcafe: true,
    activities: [
      { id: WORKSHOP_APPLICATIONS, ...W4 },
      { id: WORKSHOP_INTERVIEWS, ...W5 },
      { id: THEME_IT, ...W7_8 },
    ],
  },
  {
    weight: 0.22,
    netcafe: false,
    activities: [
      { id: WORKSHOP_APPLICATIONS, ...W4 },
      { id: WORKSHOP_INTERVIEWS, ...W5 },
      { id: THEME_READY_FOR_WORK, ...W7_8 },
    ],
  },
  {
    weight: 0.08,
    netcafe: true,
    activities: [
      { id: WORKSHOP_APPLICATIONS, ...W4 },
      { id: WORKSHOP_INTERVIEWS, ...W5 },
      { id: THEME_READY_FOR_WORK, ...W7_8 },
    ],
  },
  {
    weight: 0.2,
    netcafe: false,
    activities: [
      { id: WORKSHOP_APPLICATIONS, ...W4 },
      { id: WORKSHOP_INTERVIEWS, ...W5 },
    ],
  },
];

const DAY_MS = 86_400_000;

function gaussian(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function pickWeighted<T extends { weight: number }>(rng: Rng, list: readonly T[]): T {
  let r = rng.next() * list.reduce((sum, p) => sum + p.weight, 0);
  for (const entry of list) {
    r -= entry.weight;
    if (r <= 0) return entry;
  }
  return list[list.length - 1];
}

function buildOffices(count: number, rng: Rng): { offices: OfficeDef[]; main: boolean[] } {
  const offices: OfficeDef[] = [];
  const main: boolean[] = [];
  for (let k = 0; k < count; k++) {
    const base = DANISH_OFFICE_TOWNS[k % DANISH_OFFICE_TOWNS.length];
    const copy = Math.floor(k / DANISH_OFFICE_TOWNS.length);
    const spread = base.island === undefined ? 0.25 : 0.05;
    offices.push({
      id: `office-${k + 1}`,
      lat: copy === 0 ? base.lat : base.lat + (rng.next() - 0.5) * 2 * spread,
      lon: copy === 0 ? base.lon : base.lon + (rng.next() - 0.5) * 3.2 * spread,
      ...(base.island !== undefined ? { island: base.island } : {}),
    });
    main.push(copy === 0 && base.main);
  }
  // Each office belongs to the department of its nearest main office on the same island.
  const mains = offices.map((o, k) => ({ o, k })).filter(({ k }) => main[k]);
  for (const office of offices) {
    const candidates = mains.filter(({ o }) => o.island === office.island);
    const nearest = candidates.reduce(
      (best, m) => (haversineKm(m.o, office) < haversineKm(best.o, office) ? m : best),
      candidates[0] ?? mains[0],
    );
    office.departmentId = `dept-${nearest.k + 1}`;
  }
  return { offices, main };
}

function buildRooms(offices: OfficeDef[], main: boolean[], free: Interval[][]): RoomDef[] {
  const rooms: RoomDef[] = [];
  offices.forEach((office, k) => {
    if (main[k]) {
      rooms.push({
        id: `${office.id}-room-large`,
        officeId: office.id,
        seats: 24,
        free: free[rooms.length % free.length],
      });
      rooms.push({
        id: `${office.id}-room-small`,
        officeId: office.id,
        seats: 8,
        free: free[rooms.length % free.length],
      });
    } else {
      rooms.push({ id: `${office.id}-room`, officeId: office.id, seats: 12, free: free[rooms.length % free.length] });
    }
  });
  return rooms;
}

interface Workday {
  y: number;
  m: number;
  d: number;
}

function workdays(start: number, end: number, closed: Set<string>): Workday[] {
  return buildDayCalendar(start, end, DEFAULT_TIME_ZONE)
    .days.filter((day) => day.weekday >= 1 && day.weekday <= 5 && !closed.has(day.date))
    .map((day) => ({ y: day.year, m: day.month, d: day.dayOfMonth }));
}

function at(day: Workday, hhmm: string): number {
  return localInstant(day.y, day.m, day.d, hhmm);
}

/** Free time of a person: whole days, mornings or afternoons, with some days away. */
function freeTime(rng: Rng, days: Workday[], fullDayShare: number, halfDayShare: number): Interval[] {
  const free: Interval[] = [];
  for (const day of days) {
    const r = rng.next();
    if (r < fullDayShare) free.push({ start: at(day, '08:00'), end: at(day, '16:00') });
    else if (r < fullDayShare + halfDayShare / 2) free.push({ start: at(day, '08:00'), end: at(day, '12:15') });
    else if (r < fullDayShare + halfDayShare) free.push({ start: at(day, '12:15'), end: at(day, '16:00') });
  }
  return free;
}

function buildLeaders(
  rng: Rng,
  offices: OfficeDef[],
  days: Workday[],
  consultants: number,
  advisersPerOffice: number,
): LeaderDef[] {
  const leaders: LeaderDef[] = [];
  for (let k = 0; k < consultants; k++) {
    leaders.push({ id: `consultant-${k + 1}`, role: 'jobConsultant', free: freeTime(rng, days, 0.7, 0.1) });
  }
  const byDepartment = new Map<string, string[]>();
  for (const office of offices) {
    const list = byDepartment.get(office.departmentId as string) ?? [];
    list.push(office.id);
    byDepartment.set(office.departmentId as string, list);
  }
  let owed = 0;
  offices.forEach((office) => {
    owed += advisersPerOffice;
    for (let k = 0; owed >= 1 || k === 0; k++, owed--) {
      leaders.push({
        id: `adviser-${office.id}-${k + 1}`,
        role: 'adviser',
        officeIds: byDepartment.get(office.departmentId as string) as string[],
        free: freeTime(rng, days, 0.5, 0.4),
      });
    }
  });
  return leaders;
}

function homeNear(rng: Rng, office: OfficeDef, remote: boolean): { lat: number; lon: number } {
  const km = remote ? 70 + rng.next() * 40 : Math.abs(gaussian(rng)) * 14;
  const angle = rng.next() * 2 * Math.PI;
  return {
    lat: office.lat + (km * Math.sin(angle)) / 111,
    lon: office.lon + (km * Math.cos(angle)) / (111 * Math.cos((office.lat * Math.PI) / 180)),
  };
}

function weekWindow(firstDay: Workday, fromWeek: number, toWeek: number): Interval {
  return {
    start: localInstant(firstDay.y, firstDay.m, firstDay.d + (fromWeek - 1) * 7, '00:00'),
    end: localInstant(firstDay.y, firstDay.m, firstDay.d + toWeek * 7, '00:00'),
  };
}

function memberBusy(rng: Rng, firstDay: Workday): Interval[] {
  const busy: Interval[] = [];
  const meetings = [{ week: 2 }, { week: 4 + rng.int(3) }, { week: 7 + rng.int(2) }, { week: 9 + rng.int(2) }];
  for (const { week } of meetings) {
    const offset = (week - 1) * 7 + rng.int(5);
    const hour = 9 + rng.int(6);
    const start = localInstant(firstDay.y, firstDay.m, firstDay.d + offset, `${hour}:00`);
    busy.push({ start, end: start + 3_600_000 });
  }
  return busy;
}

function buildMembersAndItems(
  rng: Rng,
  options: GeneratorOptions,
  offices: OfficeDef[],
  main: boolean[],
  horizon: Interval,
): { members: MemberDef[]; items: ProgrammeItemDef[] } {
  const members: MemberDef[] = [];
  const items: ProgrammeItemDef[] = [];
  const firstDays = workdays(horizon.start - 8 * 7 * DAY_MS, horizon.end - 2 * 7 * DAY_MS, new Set());
  const officeWeights = offices.map((_, k) => ({ k, weight: main[k] ? 3 : 1 }));
  const highRiskShare = options.highRiskShare ?? 0.45;
  for (let k = 0; k < options.members; k++) {
    const highRisk = rng.next() < highRiskShare;
    const firstDay = firstDays[rng.int(firstDays.length)];
    const office = offices[pickWeighted(rng, officeWeights).k];
    const remote = rng.next() < (options.remoteShare ?? 0.02);
    if (!highRisk) continue;
    const programme = pickWeighted(rng, PROGRAMMES);
    const member: MemberDef = {
      id: `member-${k + 1}`,
      home: homeNear(rng, office, remote),
      ...(office.island !== undefined ? { island: office.island } : {}),
      busy: memberBusy(rng, firstDay),
    };
    const wanted = [...programme.activities];
    if (programme.netcafe || rng.next() < 0.1) wanted.unshift({ id: NETCAFE, fromWeek: 3, toWeek: 3 });
    let added = 0;
    for (const activity of wanted) {
      const window = weekWindow(firstDay, activity.fromWeek, activity.toWeek);
      if (window.end <= horizon.start || window.start >= horizon.end) continue;
      items.push({ id: `${member.id}-${activity.id}`, memberId: member.id, activityId: activity.id, window });
      added++;
    }
    if (added > 0) members.push(member);
  }
  return { members, items };
}

function buildExistingSessions(
  rng: Rng,
  count: number,
  offices: OfficeDef[],
  rooms: RoomDef[],
  leaders: LeaderDef[],
  days: Workday[],
): ExistingSessionDef[] {
  const sessions: ExistingSessionDef[] = [];
  const early = days.slice(0, Math.min(days.length, 20));
  const used = new Set<string>();
  for (let attempt = 0; sessions.length < count && attempt < count * 20; attempt++) {
    const activity = STANDARD_GROUP_ACTIVITIES[rng.int(STANDARD_GROUP_ACTIVITIES.length)];
    const office = offices[rng.int(offices.length)];
    const day = early[rng.int(early.length)];
    const time = activity.times[rng.int(activity.times.length)];
    const start = at(day, time.start);
    const end = start + time.durationMinutes * 60_000;
    const room = rooms.find(
      (r) => r.officeId === office.id && r.seats >= activity.minSize && !used.has(`${r.id}|${day.y}-${day.m}-${day.d}`),
    );
    const leader = leaders.find(
      (l) =>
        l.role === activity.leaderRole &&
        (l.officeIds === undefined || l.officeIds.includes(office.id)) &&
        !used.has(`${l.id}|${day.y}-${day.m}-${day.d}`) &&
        l.free.some((f) => f.start <= start && f.end >= end),
    );
    if (room === undefined || leader === undefined) continue;
    used.add(`${room.id}|${day.y}-${day.m}-${day.d}`);
    used.add(`${leader.id}|${day.y}-${day.m}-${day.d}`);
    const capacity = Math.min(activity.maxSize, room.seats);
    sessions.push({
      id: `existing-${sessions.length + 1}`,
      activityId: activity.id,
      officeId: office.id,
      roomId: room.id,
      start,
      end,
      capacity,
      booked: rng.int(capacity),
      leaderIds: [leader.id],
    });
  }
  return sessions;
}

/** Parses 'YYYY-MM-DD' as a local date. */
function parseLocalDate(date: string): Workday {
  const [y, m, d] = date.split('-').map(Number);
  return { y, m: m - 1, d };
}

/**
 * Seeded synthetic instance with Danish geography, the strengthened programmes' windows, leader and
 * room free time, closure days and a few published sessions. The same options always give the
 * same instance.
 */
export function generateInstance(options: GeneratorOptions): OptimiserInstance {
  const rng = createRng(options.seed);
  const officeCount = options.offices ?? DANISH_OFFICE_TOWNS.length;
  const first = parseLocalDate(options.startDate ?? '2026-01-05');
  const horizon = {
    start: localInstant(first.y, first.m, first.d, '00:00'),
    end: localInstant(first.y, first.m, first.d + options.weeks * 7, '00:00'),
  };
  const closedDates = DANISH_CLOSURE_DATES_2026_2027.filter((date) => {
    const day = parseLocalDate(date);
    const t = localInstant(day.y, day.m, day.d, '12:00');
    return t >= horizon.start && t < horizon.end;
  });
  const days = workdays(horizon.start, horizon.end, new Set(closedDates));
  const { offices, main } = buildOffices(officeCount, rng);
  const roomFree = [0, 1, 2, 3].map(() => freeTime(rng, days, 0.85, 0.1));
  const rooms = buildRooms(offices, main, roomFree);
  const startersPerWeek = options.members / (options.weeks + 6);
  const consultants =
    options.consultants ?? Math.max(2, Math.round((7 * officeCount) / 55), Math.ceil(startersPerWeek / 25));
  const leaders = buildLeaders(rng, offices, days, consultants, options.advisersPerOffice ?? 1.4);
  const { members, items } = buildMembersAndItems(rng, options, offices, main, horizon);
  const existingSessions = buildExistingSessions(
    rng,
    options.existingSessions ?? Math.round(officeCount / 4),
    offices,
    rooms,
    leaders,
    days,
  );
  return {
    horizon,
    now: horizon.start,
    maxTravelKm: 60,
    timeZone: DEFAULT_TIME_ZONE,
    closedDates,
    activities: [...STANDARD_GROUP_ACTIVITIES],
    offices,
    rooms,
    leaders,
    members,
    items,
    existingSessions,
  };
}
