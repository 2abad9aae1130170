import type { Role } from './auth';

export interface Office {
  id: string;
  code: string;
  name: string;
  kind: 'main' | 'satellite';
  departmentId: string;
  departmentName: string;
  town: string;
  municipalityCode: string;
}

export interface OfficeDetail extends Office {
  rooms: { id: string; name: string; seats: number }[];
  openingHours: { weekday: number; opens: string; closes: string }[];
}

export interface Department {
  id: string;
  code: string;
  name: string;
  officeCount: number;
}

export interface Closures {
  officeId: string;
  year: number;
  publicHolidays: { date: string; name: string }[];
  closureDays: { date: string; reason: string }[];
}

export interface Staff {
  id: string;
  employeeNumber: string;
  name: string;
  role: string;
  officeId: string | null;
  departmentId: string | null;
  skills: string[];
}

export interface Activity {
  code: string;
  nameDa: string;
  kind: 'individual' | 'group';
  defaultDurationMinutes: number;
  leaderRoles: string[];
  channels: string[];
}

export interface OfficeSlot {
  id: string;
  officeId: string;
  staffId: string;
  staffName: string;
  activityCodes: string[];
  channel: string;
  start: string;
  end: string;
  status: string;
  bookingId: string | null;
  memberId: string | null;
  bookingStatus: string | null;
  /** The booked member, for the office's staff. */
  memberNumber: string | null;
  memberName: string | null;
}

/** GET /api/sessions/:id/participants: every member named one way, "Name (number)". */
export interface SessionParticipants {
  sessionId: string;
  participants: { bookingId: string; memberId: string; memberNumber: string; name: string | null; label: string; status: string }[];
  waitlist: { memberId: string; memberNumber: string; name: string | null; label: string; position: number }[];
}

/** POST /api/offices/:id/slots/bulk/preview. */
export interface PatternPreview {
  created: number;
  slots: { start: string; end: string }[];
  days: { date: string; slots: number }[];
  skipped: { date: string; start?: string; reason: string }[];
}

export interface Session {
  id: string;
  officeId: string;
  roomId: string;
  roomName: string;
  activityCode: string;
  activityName: string;
  start: string;
  end: string;
  capacity: number;
  minParticipants: number;
  booked: number;
  cutoffAt: string;
  status: string;
  leaderIds: string[];
  seatsLeft: number;
  belowMinimum: boolean;
  participants?: { bookingId: string; memberId: string; memberNumber: string; name?: string | null; status: string }[];
  waitlist?: { memberId: string; memberNumber?: string; position?: number; [key: string]: unknown }[];
  /** For a member: their own booking in it and place on its waiting list. */
  mine?: { bookingId: string | null; waitlistPosition: number | null } | null;
}

export interface Member {
  id: string;
  memberNumber: string;
  name: string | null;
  homeOfficeId: string;
  status: string;
}

export interface ProgrammeItem {
  id: string;
  activityCode: string;
  activityName: string;
  activityKind: 'individual' | 'group';
  required: boolean;
  windowStart: string;
  windowEnd: string;
  channels: string[];
  status: string;
  windowPassed: boolean;
  booking: { id: string; start: string; end: string; officeId: string; channel: string; status: string; sessionId?: string | null; fromWaitlist?: boolean } | null;
  /** Full sessions the member waits for, with their place in line. */
  waitlist?: { sessionId: string; position: number | null }[];
}

export interface Programme {
  memberId: string;
  status: string;
  targetGroup: string;
  firstUnemploymentDay: string;
  items: ProgrammeItem[];
  next: { programmeItemId: string; activityCode: string; activityName: string; bookBy: string } | null;
}

export interface AvailabilityOption {
  kind: 'slot' | 'session';
  id: string;
  officeId: string;
  staffId: string | null;
  channel: string;
  start: string;
  end: string;
  seatsLeft: number | null;
  officeName: string;
  distanceKm: number | null;
  continuity: string | null;
}

export interface Availability {
  programmeItemId: string;
  activityCode: string;
  window: { start: string; end: string };
  /** The earliest time offered: the window's start, or now. */
  bookableFrom: string;
  /** For a booked item: the booking the options would move (it keeps its time until moved). */
  rescheduling: { bookingId: string; start: string; end: string } | null;
  options: AvailabilityOption[];
  /** Full group sessions within reach: the member can join their waiting list. */
  fullSessions?: { id: string; officeId: string; officeName: string; start: string; end: string; capacity: number; distanceKm: number; waitlistPosition: number | null }[];
}

export interface BookingDetails {
  id: string;
  status: 'booked' | 'cancelled' | 'attended' | 'no-show';
  memberId: string;
  programmeItemId: string;
  slotId: string | null;
  sessionId: string | null;
  activityCode: string;
  activityNameDa: string;
  activityNameEn: string;
  activityKind: 'individual' | 'group';
  channel: string;
  start: string;
  end: string;
  windowStart: string;
  windowEnd: string;
  office: { id: string; name: string; street: string; postcode: string; city: string; lat: number; lon: number };
  roomName: string | null;
  staff: { firstName: string; role: string }[];
  mapUrl: string;
  rules: { canCancel: boolean; canReschedule: boolean; changeUntil: string; itemReopensUntil: string; seatGoesToWaitlist: boolean };
}

export interface FeedLink {
  id: string;
  kind: string;
  subjectId: string;
  status: string;
  createdAt: string;
  rotatedAt: string | null;
  url?: string;
  webcalUrl?: string;
}

export interface PlanRow {
  officeId: string;
  officeName: string;
  officeCode: string;
  departmentId: string;
  week: string;
  weekStart: string;
  activity: string;
  kind: string;
  role: string;
  participants: number;
  sessions: number | null;
  demandHours: number;
  supplyHours: number;
  gapHours: number;
  utilisation: number | null;
  pool: string;
}

export interface Plan {
  from: string;
  weeks: number;
  scenario: string | null;
  summary: { demandHours: number; supplyHours: number; shortfallHours: number; fundParticipants: number };
  rows: PlanRow[];
  officeWeeks: PlanOfficeWeek[];
  signals: PlanSignal[];
  backlog: PlanBacklog[];
}

export interface PlanOfficeWeek {
  officeId: string;
  officeCode: string;
  officeName: string;
  week: string;
  weekStart: string;
  demandHours: number;
  plannedHours: number;
  publishedSlotHours: number;
  publishedSessionHours: number;
  bookedHours: number;
  convertibleHours: number;
  supplyHours: number;
  advisersNeededFte: number | null;
  advisersAvailableFte: number | null;
  waitingSeats: number;
}

export type PlanSignal = { officeId: string; officeName: string; week: string; message: string } & (
  | { kind: 'publish-more'; activity: string; hours: number }
  | { kind: 'published-beyond-demand'; role: string; hours: number; convertibleHours: number }
  | { kind: 'advisers-short'; neededFte: number; availableFte: number }
);

export interface PlanBacklog {
  officeId: string;
  officeName: string;
  activity: string;
  participants: number;
  sessions: number;
  waitingSeats: number;
}

export interface Scenario {
  id: string;
  name: string;
}

export interface ForecastWeek {
  week: string;
  weekStart: string;
  mean: number;
  lower80: number;
  upper80: number;
}

export interface Forecast {
  lastHistoryWeek: string;
  weeks: string[];
  offices: { officeId: string; officeName: string; weeks: ForecastWeek[] }[];
}

export interface HistoryRows {
  rows: { officeId: string; weekStart: string; targetGroup: string; newMembers: number }[];
}

export interface DemoPerson {
  subjectId: string;
  name: string;
  reference: string;
  departmentId: string | null;
  departmentName: string | null;
  officeName: string | null;
  /** Members: the stage of the programme they show (done items with a CV adviser, a booking tomorrow, …). */
  stage?: 'done-with-cv-adviser' | 'booking-tomorrow' | 'waiting-list' | 'yellow-smiley' | 'red-smiley' | null;
}

export interface DemoToken {
  token: string;
  expiresIn: number;
  principal: { role: Role; subjectId?: string; departmentId?: string };
}
