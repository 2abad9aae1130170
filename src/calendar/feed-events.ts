import type { IcsCalendar, IcsEvent } from './ics/index.js';

export const FEED_KINDS = ['member', 'staff', 'office', 'session'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];
/** Kinds that are reached through a secret token; office feeds are public. */
export const TOKEN_FEED_KINDS = ['member', 'staff', 'session'] as const;
export type TokenFeedKind = (typeof TOKEN_FEED_KINDS)[number];

export const REFRESH_INTERVAL_MINUTES = 60;
const DAY_MS = 86_400_000;
export const WINDOW_PAST_DAYS = 30;
export const WINDOW_FUTURE_DAYS = 365;
export const CANCELLED_GRACE_DAYS = 30;
export const REVOKED_GRACE_DAYS = 30;

/** A booking as a member's or an adviser's feed shows it: activity, channel and office, never who. */
export interface BookingEventRow {
  bookingId: string;
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  channel: 'in-person' | 'phone' | 'video';
  activity: string;
  officeName: string;
  street: string;
  postcode: string;
  city: string;
  timezone: string;
  roomName: string | null;
  cancelled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface SessionEventRow {
  sessionId: string;
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  activity: string;
  officeName: string;
  street: string;
  postcode: string;
  city: string;
  timezone: string;
  roomName: string;
  capacity: number;
  booked: number;
  cancelled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Which rows a feed shows on a given day. Every bound is a whole UTC day, so a feed's body depends only on
 * its revision and the day: that is what lets `etagFor(revision, day)` stand in for the body.
 */
export interface FeedWindow {
  /** `YYYY-MM-DD` (UTC), part of every ETag. */
  day: string;
  dayStart: Date;
  from: Date;
  to: Date;
  /** Cancelled events last changed before this are left out. */
  cancelledSince: Date;
}

export function feedWindow(now: Date): FeedWindow {
  const dayStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return {
    day: new Date(dayStart).toISOString().slice(0, 10),
    dayStart: new Date(dayStart),
    from: new Date(dayStart - WINDOW_PAST_DAYS * DAY_MS),
    to: new Date(dayStart + WINDOW_FUTURE_DAYS * DAY_MS),
    cancelledSince: new Date(dayStart - CANCELLED_GRACE_DAYS * DAY_MS),
  };
}

/**
 * A revoked link, and a token replaced by rotation, keep answering (with no events) for a while, so clients
 * drop the events instead of erroring and keeping them.
 */
export function closedLinkExpired(closedAt: Date, now: Date): boolean {
  return now.getTime() - closedAt.getTime() > REVOKED_GRACE_DAYS * DAY_MS;
}

const CHANNEL_SUFFIX: Record<BookingEventRow['channel'], string> = {
  'in-person': '',
  phone: ' (telefon)',
  video: ' (video)',
};
const CHANNEL_TEXT: Record<BookingEventRow['channel'], string> = {
  'in-person': 'Fremmøde på kontoret',
  phone: 'Telefonmøde',
  video: 'Videomøde',
};

function address(row: { officeName: string; street: string; postcode: string; city: string }): string {
  return `${row.officeName}, ${row.street}, ${row.postcode} ${row.city}`;
}

/**
 * Before the title of a cancelled event: apps that ignore STATUS (or show it faintly) would otherwise
 * show it as on. First, so a title cut short on a phone still says it.
 */
const CANCELLED_PREFIX = 'Aflyst: ';

function title(text: string, cancelled: boolean): string {
  return cancelled ? CANCELLED_PREFIX + text : text;
}

/**
 * The UID of a booking in a staff member's feed: one per (booking, staff member), not the booking's own,
 * so when the booking moves to another adviser the old adviser's app sees the event it had cancelled and
 * the new adviser's a new one, and neither is mixed up with the member's event.
 */
export function staffAppointmentUid(bookingUid: string, staffId: string): string {
  const at = bookingUid.lastIndexOf('@');
  return at === -1
    ? `${bookingUid}.staff-${staffId}`
    : `${bookingUid.slice(0, at)}.staff-${staffId}${bookingUid.slice(at)}`;
}

/**
 * A phone or video meeting gets no LOCATION: a client would offer directions to an office the member
 * is not going to. The office is named in the description instead. With `staffId` the event is for that
 * staff member's feed (see {@link staffAppointmentUid}).
 */
export function bookingEvent(row: BookingEventRow, baseUrl: string, staffId?: string): IcsEvent {
  const description = [`${CHANNEL_TEXT[row.channel] ?? CHANNEL_TEXT['in-person']}, ${row.officeName}`];
  if (row.roomName) description.push(`Lokale: ${row.roomName}`);
  return {
    uid: staffId === undefined ? row.uid : staffAppointmentUid(row.uid, staffId),
    sequence: row.sequence,
    start: row.start,
    end: row.end,
    timezone: row.timezone,
    summary: title(row.activity + (CHANNEL_SUFFIX[row.channel] ?? ''), row.cancelled),
    description: description.join('\n'),
    ...(row.channel === 'in-person' ? { location: address(row) } : {}),
    url: `${baseUrl}/app/bookings/${row.bookingId}`,
    status: row.cancelled ? 'CANCELLED' : 'CONFIRMED',
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    ref: `booking:${row.bookingId}`,
  };
}

/** A group session as its leaders and participants see it: room and number of participants. */
export function sessionEvent(row: SessionEventRow, baseUrl: string): IcsEvent {
  return {
    ...sessionBase(row, baseUrl),
    summary: row.cancelled
      ? title(row.activity, true)
      : `${row.activity} – ${row.booked} ${row.booked === 1 ? 'deltager' : 'deltagere'}`,
    description: `Lokale: ${row.roomName}\nTilmeldte: ${row.booked} af ${row.capacity}`,
  };
}

/** A group session in an office's public feed: seats left, nothing about who booked. */
export function publicSessionEvent(row: SessionEventRow, baseUrl: string): IcsEvent {
  const free = Math.max(0, row.capacity - row.booked);
  return {
    ...sessionBase(row, baseUrl),
    summary: row.cancelled ? title(row.activity, true) : `${row.activity} – ${free} af ${row.capacity} pladser ledige`,
    description: `Lokale: ${row.roomName}`,
  };
}

function sessionBase(row: SessionEventRow, baseUrl: string): Omit<IcsEvent, 'summary'> {
  return {
    uid: row.uid,
    sequence: row.sequence,
    start: row.start,
    end: row.end,
    timezone: row.timezone,
    location: address(row),
    url: `${baseUrl}/app/sessions/${row.sessionId}`,
    status: row.cancelled ? 'CANCELLED' : 'CONFIRMED',
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    ref: `session:${row.sessionId}`,
  };
}

export function feedCalendar(name: string, events: IcsEvent[], description?: string): IcsCalendar {
  return { name, ...(description ? { description } : {}), refreshIntervalMinutes: REFRESH_INTERVAL_MINUTES, events };
}

export const REVOKED_CALENDAR_NAME = 'Kalender lukket – a-kassen';
export const REPLACED_CALENDAR_NAME = 'Kalender flyttet til et nyt link – a-kassen';
