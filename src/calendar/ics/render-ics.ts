import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalCalendar, ICalEvent, type ICalEventData, ICalEventStatus } from 'ical-generator';
import { cleanText, durationFromMinutes, escapeText, foldContent } from './ics-text.js';
import { DEFAULT_ICS_TIMEZONE, type IcsCalendar, type IcsEvent } from './ics-model.js';
import { ZoneOffsets } from './zone-offsets.js';

export const ICS_PRODID = '-//Akasse Scheduler//Calendar feed//DA';

/**
 * Bump whenever {@link renderIcs} prints different bytes for the same input: it is part of every ETag,
 * so clients holding a body from older code re-download instead of getting 304.
 */
export const ICS_RENDER_VERSION = 2;

const CRLF = '\r\n';
const END_VEVENT = 'END:VEVENT' + CRLF;
const SAFE_UID = /^[\x21-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/;
const STATUS: Record<IcsEvent['status'], ICalEventStatus> = {
  CONFIRMED: ICalEventStatus.CONFIRMED,
  TENTATIVE: ICalEventStatus.TENTATIVE,
  CANCELLED: ICalEventStatus.CANCELLED,
};

const vtimezones = new Map<string, string>();

/**
 * ical-generator calls `withTimeZone(eventZone)` on every TZDate before reading its wall clock; for a
 * date already in that zone this returns it instead of building a copy (two Intl look-ups saved per time).
 */
class ZonedDate extends TZDate {
  override withTimeZone(timeZone: string): TZDate {
    return timeZone === this.timeZone ? this : super.withTimeZone(timeZone);
  }
}

/**
 * Renders a subscription feed. Same input, same bytes (events are ordered by start, then UID), so a
 * feed revision can stand in for the body in the ETag.
 *
 * ical-generator renders each VEVENT; the VCALENDAR envelope, folding and the URL line are ours because
 * its calendar serialiser leaves out the final CRLF, prints NAME/X-WR-CALNAME/X-WR-CALDESC unescaped,
 * puts calendar-level X- properties after the events (RFC 5545 wants them first), backslash-escapes
 * `,` and `;` inside URL (a URI, not TEXT), and folds with a TextEncoder per character (most of its
 * run time on a 2,000-event feed).
 *
 * @throws RangeError on input that cannot be rendered faithfully (bad UID, duplicate UID, end not after
 *   start, unknown time zone, non-http(s) URL, bad sequence or refresh interval).
 */
export function renderIcs(calendar: IcsCalendar): string {
  const refresh = durationFromMinutes(calendar.refreshIntervalMinutes);
  const events = [...calendar.events].sort(compareEvents);
  const zones = new Set<string>([DEFAULT_ICS_TIMEZONE]);
  const uids = new Set<string>();
  for (const event of events) {
    if (uids.has(event.uid)) throw new RangeError(`duplicate UID ${event.uid}`);
    uids.add(event.uid);
    zones.add(event.timezone);
  }

  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${ICS_PRODID}`];
  const name = escapeText(calendar.name);
  if (name) lines.push(`NAME:${name}`, `X-WR-CALNAME:${name}`);
  const description = escapeText(calendar.description ?? '');
  if (description) lines.push(`X-WR-CALDESC:${description}`);
  lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${refresh}`, `X-PUBLISHED-TTL:${refresh}`);
  let content = lines.join(CRLF) + CRLF;
  for (const zone of [...zones].sort()) content += vtimezoneFor(zone);

  // Never serialised itself: an ICalEvent needs a parent, and one without a calendar time zone makes the
  // library print DTSTAMP, CREATED and LAST-MODIFIED in UTC.
  const host = new ICalCalendar();
  const offsets = new ZoneOffsets();
  for (const event of events) content += renderEvent(event, host, offsets);
  content += 'END:VCALENDAR' + CRLF;
  return foldContent(content);
}

function renderEvent(event: IcsEvent, host: ICalCalendar, offsets: ZoneOffsets): string {
  if (!SAFE_UID.test(event.uid)) {
    // ical-generator prints UID verbatim and replaces an empty one with a random UUID.
    throw new RangeError(`UID must be printable ASCII without spaces or ,;\\ : ${JSON.stringify(event.uid)}`);
  }
  if (!Number.isSafeInteger(event.sequence) || event.sequence < 0) {
    throw new RangeError(`SEQUENCE must be a non-negative integer (UID ${event.uid})`);
  }
  const start = wholeSeconds(event.start, 'start', event.uid);
  const end = wholeSeconds(event.end, 'end', event.uid);
  if (end <= start) {
    // ical-generator would silently swap start and end.
    throw new RangeError(`end must be after start (UID ${event.uid})`);
  }
  wholeSeconds(event.createdAt, 'createdAt', event.uid);
  wholeSeconds(event.updatedAt, 'updatedAt', event.uid);

  const zone = event.timezone;
  // A wall time in the repeated hour of a fall-back day names two instants; UTC names exactly one.
  const zoned = !offsets.isAmbiguous(zone, start) && !offsets.isAmbiguous(zone, end);
  const data: ICalEventData = {
    id: event.uid,
    sequence: event.sequence,
    // With an event time zone the library prints the Date's *local* wall clock: a TZDate's is the zone's,
    // a plain Date's the server's.
    start: zoned ? new ZonedDate(start, zone) : new Date(start),
    end: zoned ? new ZonedDate(end, zone) : new Date(end),
    timezone: zoned ? zone : null,
    stamp: event.updatedAt,
    created: event.createdAt,
    lastModified: event.updatedAt,
    summary: cleanText(event.summary),
    status: STATUS[event.status],
  };
  const description = cleanText(event.description ?? '');
  if (description) data.description = description;
  const location = cleanText(event.location ?? '');
  if (location) data.location = location;
  const categories = (event.categories ?? []).map(cleanText).filter((category) => category !== '');
  if (categories.length > 0) data.categories = categories.map((category) => ({ name: category }));

  const text = new ICalEvent(data, host).toString();
  if (event.url === undefined || event.url === '') return text;
  return text.slice(0, -END_VEVENT.length) + `URL;VALUE=URI:${uriFor(event.url, event.uid)}${CRLF}${END_VEVENT}`;
}

function vtimezoneFor(zone: string): string {
  let block = vtimezones.get(zone);
  if (block === undefined) {
    const component = getVtimezoneComponent(zone);
    if (!component) throw new RangeError(`no VTIMEZONE available for time zone ${zone}`);
    block = component.trim().split(/\r?\n/).join(CRLF) + CRLF;
    vtimezones.set(zone, block);
  }
  return block;
}

function uriFor(url: string, uid: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError(`URL is not absolute (UID ${uid})`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new RangeError(`URL must be http(s) (UID ${uid})`);
  }
  return parsed.href;
}

function wholeSeconds(date: Date, field: string, uid: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${field} is not a valid date (UID ${uid})`);
  return Math.floor(ms / 1000) * 1000;
}

function compareEvents(a: IcsEvent, b: IcsEvent): number {
  const byStart = a.start.getTime() - b.start.getTime();
  if (byStart !== 0) return byStart;
  return a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}
