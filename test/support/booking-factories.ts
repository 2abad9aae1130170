import { defaultClosureDays, publicHolidays } from '../../src/locations/calendar-rules.js';
import type { TestApp } from './test-app.js';

export const CENTRAL = { role: 'central-coordinator' as const, subjectId: '00000000-0000-4000-8000-0000000000c1' };

let memberCounter = 0;

/** A date (YYYY-MM-DD) `days` from today (UTC calendar). */
export function dateFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Public holidays and the default closure days, on which offices refuse slots and sessions. */
export function isDayOff(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return publicHolidays(year).some((h) => h.date === date) || defaultClosureDays(year).some((d) => d.date === date);
}

/**
 * The next working date on or after `fromDays` from today that falls on an ISO weekday (1 = Monday).
 * Holidays and closure days are skipped, so the tests work whatever day they run on (Christmas included).
 */
export function nextWeekday(weekday: number, fromDays = 7): string {
  for (let d = fromDays; d < fromDays + 28; d++) {
    const date = dateFromToday(d);
    const day = new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
    if (day === weekday && !isDayOff(date)) return date;
  }
  throw new Error('unreachable');
}

export interface MainOffice {
  id: string;
  departmentId: string;
  municipalityCode: string;
  rooms: { id: string; name: string; seats: number }[];
}

export async function mainOffice(t: TestApp, town = 'Aarhus'): Promise<MainOffice> {
  const offices = await t.http.get('/api/offices').query({ kind: 'main' }).set(t.auth(CENTRAL));
  const office = offices.body.find((o: { town: string }) => o.town === town);
  const detail = await t.http.get(`/api/offices/${office.id}`).set(t.auth(CENTRAL));
  return {
    id: office.id,
    departmentId: office.departmentId,
    municipalityCode: office.municipalityCode,
    rooms: detail.body.rooms,
  };
}

export async function adviserAt(
  t: TestApp,
  officeId: string,
  index = 0,
): Promise<{ id: string; departmentId: string }> {
  const staff = await t.http.get('/api/staff').query({ officeId, role: 'adviser' }).set(t.auth(CENTRAL));
  return staff.body[index];
}

export interface CreatedMember {
  id: string;
  items: { id: string; activityCode: string; windowStart: string; windowEnd: string; status: string }[];
}

export async function createMember(
  t: TestApp,
  office: MainOffice,
  options: { firstUnemploymentDay: string; targetGroup?: string; basicItNeeds?: boolean },
): Promise<CreatedMember> {
  memberCounter += 1;
  const response = await t.http
    .post('/api/members')
    .set(t.auth(CENTRAL))
    .send({
      memberNumber: `T${process.pid}-${memberCounter}-${Math.floor(Math.random() * 1e6)}`,
      name: `Testmedlem ${memberCounter}`,
      municipalityCode: office.municipalityCode,
      homeOfficeId: office.id,
      firstUnemploymentDay: options.firstUnemploymentDay,
      targetGroup: options.targetGroup ?? 'low-risk',
      basicItNeeds: options.basicItNeeds ?? false,
    });
  if (response.status !== 201)
    throw new Error(`member not created: ${response.status} ${JSON.stringify(response.body)}`);
  const programme = await t.http.get(`/api/members/${response.body.id}/programme`).set(t.auth(CENTRAL));
  return { id: response.body.id, items: programme.body.items };
}

export async function createMembers(
  t: TestApp,
  office: MainOffice,
  count: number,
  options: Parameters<typeof createMember>[2],
): Promise<CreatedMember[]> {
  const members: CreatedMember[] = [];
  for (let i = 0; i < count; i += 25) {
    members.push(
      ...(await Promise.all(Array.from({ length: Math.min(25, count - i) }, () => createMember(t, office, options)))),
    );
  }
  return members;
}

export function itemOf(member: CreatedMember, activityCode: string) {
  const item = member.items.find((i) => i.activityCode === activityCode);
  if (!item) throw new Error(`member has no ${activityCode} item`);
  return item;
}

/** ISO instant of a local Copenhagen wall-clock time, via the API's own offset rules (CET/CEST). */
export function copenhagen(date: string, time: string): string {
  const probe = new Date(`${date}T12:00:00Z`);
  const offsetName = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', timeZoneName: 'shortOffset' })
    .formatToParts(probe)
    .find((p) => p.type === 'timeZoneName')!.value;
  const hours = Number(offsetName.replace('GMT', '') || '0');
  return `${date}T${time}:00+0${hours}:00`;
}

/**
 * The first start on `date` (from `preferred` on, else from opening time) at which the office is open and
 * every given staff member and room is free for `minutes`. The demo data publishes eight weeks of slots
 * and sessions, so a test picks its times around them instead of assuming an empty calendar.
 */
export async function freeTime(
  t: TestApp,
  officeId: string,
  date: string,
  minutes: number,
  options: { staffIds: string[]; roomId?: string; preferred?: string },
): Promise<string> {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
  const [hours] = await t.db.query(
    `SELECT to_char(opens, 'HH24:MI') AS opens, to_char(closes, 'HH24:MI') AS closes FROM office_opening_hours WHERE office_id = $1 AND weekday = $2`,
    [officeId, weekday],
  );
  if (!hours) throw new Error(`office ${officeId} is closed on ${date}`);
  const dayStart = copenhagen(date, '00:00');
  const dayEnd = new Date(Date.parse(dayStart) + 86_400_000).toISOString();
  const busy: { start: Date; end: Date }[] = await t.db.query(
    `SELECT lower(during) AS start, upper(during) AS "end" FROM staff_commitment WHERE staff_id = ANY($1::uuid[]) AND during && tstzrange($2, $3)
     UNION ALL
     SELECT lower(during), upper(during) FROM session WHERE room_id = $4 AND status = 'scheduled' AND during && tstzrange($2, $3)`,
    [options.staffIds, dayStart, dayEnd, options.roomId ?? null],
  );
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const toTime = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const opens = toMinutes(hours.opens);
  const closes = toMinutes(hours.closes);
  const preferred = Math.max(opens, toMinutes(options.preferred ?? hours.opens));
  const candidates: number[] = [];
  for (let m = preferred; m + minutes <= closes; m += 15) candidates.push(m);
  for (let m = opens; m < preferred && m + minutes <= closes; m += 15) candidates.push(m);
  for (const m of candidates) {
    const start = Date.parse(copenhagen(date, toTime(m)));
    const end = start + minutes * 60_000;
    if (!busy.some((b) => b.start.getTime() < end && start < b.end.getTime())) return toTime(m);
  }
  throw new Error(`no free ${minutes} minutes on ${date} for ${options.staffIds.join(', ')}`);
}

/**
 * The latest start at or before `latest` (on a quarter hour, going back at most a day) at which every given staff
 * member is free for `minutes`: for meetings a test writes straight into the past. The demo's slots fill the
 * working day, so "two hours ago" at the run's time of day may already be taken.
 */
export async function freeStartBefore(t: TestApp, staffIds: string[], latest: Date, minutes: number): Promise<Date> {
  const quarter = 15 * 60_000;
  const first = Math.floor(latest.getTime() / quarter) * quarter;
  const busy: { start: Date; end: Date }[] = await t.db.query(
    `SELECT lower(during) AS start, upper(during) AS "end" FROM staff_commitment WHERE staff_id = ANY($1::uuid[]) AND during && tstzrange($2, $3)`,
    [staffIds, new Date(first - 86_400_000), new Date(first + minutes * 60_000)],
  );
  for (let start = first; start > first - 86_400_000; start -= quarter) {
    const end = start + minutes * 60_000;
    if (!busy.some((b) => b.start.getTime() < end && start < b.end.getTime())) return new Date(start);
  }
  throw new Error(`no free ${minutes} minutes in the day before ${latest.toISOString()} for ${staffIds.join(', ')}`);
}

/**
 * `count` members of the IT target group with basic IT needs (so their programme holds a netcafé), unemployed
 * since 16 days before `sessionDate`, so a netcafé on that day lies inside their item's window.
 */
export function netcafeMembers(
  t: TestApp,
  office: MainOffice,
  count: number,
  sessionDate: string,
): Promise<CreatedMember[]> {
  const firstDay = new Date(Date.parse(`${sessionDate}T12:00:00Z`) - 16 * 86_400_000).toISOString().slice(0, 10);
  return createMembers(t, office, count, { firstUnemploymentDay: firstDay, targetGroup: 'it', basicItNeeds: true });
}

/**
 * A two-hour netcafé on `date` led by `leaderId`, in the office's netcafé room (else the first room with four
 * seats), at the first time from `preferred` at which leader and room are free. Returns the API's answer.
 */
export async function scheduleNetcafe(
  t: TestApp,
  office: MainOffice,
  leaderId: string,
  date: string,
  preferred: string,
  seats: { capacity?: number; minParticipants?: number } = {},
) {
  const room = office.rooms.find((r) => r.name === 'Netcafé') ?? office.rooms.find((r) => r.seats >= 4)!;
  const time = await freeTime(t, office.id, date, 120, { staffIds: [leaderId], roomId: room.id, preferred });
  return t.http
    .post(`/api/offices/${office.id}/sessions`)
    .set(t.auth(CENTRAL))
    .send({
      activityCode: 'netcafe',
      roomId: room.id,
      leaderIds: [leaderId],
      start: copenhagen(date, time),
      ...seats,
    });
}
