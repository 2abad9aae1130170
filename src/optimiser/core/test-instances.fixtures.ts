import { localInstant } from './local-time.js';
import {
  type ActivityDef,
  type Interval,
  type LeaderDef,
  type MemberDef,
  type OfficeDef,
  type OptimiserInstance,
  type ProgrammeItemDef,
  type RoomDef,
} from './types.js';

/** Small hand-made instances for specs: March 2026, offices in Copenhagen, Roskilde, Aalborg and Rønne. */
export const march = (day: number, hhmm = '00:00'): number => localInstant(2026, 2, day, hhmm);

export const NETCAFE_DEF: ActivityDef = {
  id: 'netcafe',
  kind: 'netcafe',
  minSize: 2,
  maxSize: 4,
  leaderRole: 'adviser',
  times: [
    { start: '09:00', durationMinutes: 120 },
    { start: '13:00', durationMinutes: 120 },
  ],
};
export const WORKSHOP_DEF: ActivityDef = {
  id: 'workshop',
  kind: 'workshop',
  minSize: 4,
  maxSize: 16,
  leaderRole: 'jobConsultant',
  times: [{ start: '09:00', durationMinutes: 180 }],
};

export const OFFICES: OfficeDef[] = [
  { id: 'cph', lat: 55.6711, lon: 12.5653 },
  { id: 'roskilde', lat: 55.6415, lon: 12.0803 },
  { id: 'aalborg', lat: 57.048, lon: 9.9187 },
  { id: 'roenne', lat: 55.1009, lon: 14.7066, island: 'Bornholm' },
];

function weekdays(from: number, to: number, start: string, end: string): Interval[] {
  const out: Interval[] = [];
  for (let d = from; d <= to; d++) {
    const weekday = new Date(Date.UTC(2026, 2, d)).getUTCDay();
    if (weekday >= 1 && weekday <= 5) out.push({ start: march(d, start), end: march(d, end) });
  }
  return out;
}

export const WORKDAYS = weekdays(2, 31, '08:00', '17:00');

export function roomsFor(offices: OfficeDef[], seats = 10): RoomDef[] {
  return offices.map((o) => ({ id: `${o.id}-room`, officeId: o.id, seats, free: WORKDAYS }));
}

export function advisersFor(offices: OfficeDef[]): LeaderDef[] {
  return offices.map((o) => ({ id: `${o.id}-adviser`, role: 'adviser', officeIds: [o.id], free: WORKDAYS }));
}

export const CONSULTANT: LeaderDef = { id: 'consultant', role: 'jobConsultant', free: WORKDAYS };

/** A member living `km` east of an office (roughly). */
export function memberNear(id: string, office: OfficeDef, km = 3, extra: Partial<MemberDef> = {}): MemberDef {
  return {
    id,
    home: { lat: office.lat, lon: office.lon + km / 63 },
    busy: [],
    ...(office.island !== undefined ? { island: office.island } : {}),
    ...extra,
  };
}

export function item(memberId: string, activityId: string, window: Interval): ProgrammeItemDef {
  return { id: `${memberId}-${activityId}`, memberId, activityId, window };
}

export const WEEK_OF_MARCH_2 = { start: march(2), end: march(9) };

export function baseInstance(parts: Partial<OptimiserInstance>): OptimiserInstance {
  return {
    horizon: { start: march(2), end: march(31) },
    maxTravelKm: 60,
    activities: [NETCAFE_DEF, WORKSHOP_DEF],
    offices: OFFICES,
    rooms: roomsFor(OFFICES),
    leaders: [...advisersFor(OFFICES), CONSULTANT],
    members: [],
    items: [],
    existingSessions: [],
    ...parts,
  };
}
