import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalCalendar, ICalEvent, type ICalEventData, ICalEventStatus } from 'ical-generator';
import { cleanText, durationFromMinutes, escapeText, foldContent } from './ics-text.js';
import { DEFAULT_ICS_TIMEZONE, type IcsCalendar, type IcsEvent, type IcsProblem } from './ics-model.js';
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

export interface RenderIcsOptions {
  /** Told about every event left out, or written with less than it had, because of its data. */
  onProblem?: (problem: IcsProblem) => void;
}

/** Thrown inside {@link prepare}: a fixed phrase naming the field, never its value. */
class EventProblem extends Error {}

interface PreparedEvent {
  event: IcsEvent;
  start: number;
  end: number;
}

/** Years iCalendar's DATE-TIME can write (four digits), with a day to spare for zone offsets. */
const EARLIEST = new Date('0001-01-02T00:00:00Z').getTime();
const LATEST = new Date('9999-12-30T00:00:00Z').getTime();

/**
 * Renders a subscription feed. Same input, same bytes (events are ordered by start, then UID), so a
 * feed revision can stand in for the body in the ETag.
 *
 * One bad row never fails a feed: an event that cannot be rendered faithfully (bad UID or SEQUENCE, a
 * time that is not a date, end not after start, a UID already used) is left out; one in a zone without a
 * VTIMEZONE is written in UTC (same instants), and a URL that is not absolute http(s) is left off.
 * `onProblem` hears of each, so the caller can log it. Times keep whole seconds, widened outwards (start
 * down, end up), so even a sub-second event keeps a length.
 *
 * ical-generator renders each VEVENT; the VCALENDAR envelope, folding and the URL line are ours because
 * its calendar serialiser leaves out the final CRLF, prints NAME/X-WR-CALNAME/X-WR-CALDESC unescaped,
 * puts calendar-level X- properties after the events (RFC 5545 wants them first), backslash-escapes
 * `,` and `;` inside URL (a URI, not TEXT), and folds with a TextEncoder per character (most of its
 * run time on a 2,000-event feed).
 *
 * @throws RangeError on a calendar it cannot describe (a refresh interval that is not whole minutes).
 */
export function renderIcs(calendar: IcsCalendar, options: RenderIcsOptions = {}): string {
  const report = options.onProblem ?? (() => undefined);
  const refresh = durationFromMinutes(calendar.refreshIntervalMinutes);

  const prepared: PreparedEvent[] = [];
  for (const event of calendar.events) {
    try {
      prepared.push(prepare(event));
    } catch (error) {
      report({ ref: event.ref, problem: error instanceof EventProblem ? error.message : 'could not be read' });
    }
  }
  prepared.sort(compareEvents);

  // Never serialised itself: an ICalEvent needs a parent, and one without a calendar time zone makes the
  // library print DTSTAMP, CREATED and LAST-MODIFIED in UTC.
  const host = new ICalCalendar();
  const offsets = new ZoneOffsets();
  const zones = new Set<string>([DEFAULT_ICS_TIMEZONE]);
  const uids = new Set<string>();
  let body = '';
  for (const item of prepared) {
    const { event } = item;
    if (uids.has(event.uid)) {
      report({ ref: event.ref, problem: 'duplicate UID' });
      continue;
    }
    try {
      const rendered = renderEvent(item, host, offsets, report);
      body += rendered.text;
      if (rendered.zone) zones.add(rendered.zone);
      uids.add(event.uid);
    } catch {
      report({ ref: event.ref, problem: 'could not be rendered' });
    }
  }

  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${ICS_PRODID}`];
  if (calendar.method) lines.push(`METHOD:${calendar.method}`);
  const name = escapeText(calendar.name);
  if (name) lines.push(`NAME:${name}`, `X-WR-CALNAME:${name}`);
  const description = escapeText(calendar.description ?? '');
  if (description) lines.push(`X-WR-CALDESC:${description}`);
  lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${refresh}`, `X-PUBLISHED-TTL:${refresh}`);
  let content = lines.join(CRLF) + CRLF;
  for (const zone of [...zones].sort()) content += vtimezoneFor(zone) ?? '';
  content += body + 'END:VCALENDAR' + CRLF;
  return foldContent(content);
}

/** Checks what cannot be repaired; the event is left out when this throws. */
function prepare(event: IcsEvent): PreparedEvent {
  if (typeof event.uid !== 'string' || !SAFE_UID.test(event.uid)) {
    // ical-generator prints UID verbatim and replaces an empty one with a random UUID.
    throw new EventProblem('UID is not printable ASCII without spaces or ,;\\');
  }
  if (!Number.isSafeInteger(event.sequence) || event.sequence < 0)
    throw new EventProblem('SEQUENCE is not a non-negative integer');
  const start = instant(event.start, 'start', Math.floor);
  const end = instant(event.end, 'end', Math.ceil);
  // ical-generator would silently swap start and end.
  if (end <= start) throw new EventProblem('end is not after start');
  instant(event.createdAt, 'createdAt', Math.floor);
  instant(event.updatedAt, 'updatedAt', Math.floor);
  return { event, start, end };
}

function renderEvent(
  { event, start, end }: PreparedEvent,
  host: ICalCalendar,
  offsets: ZoneOffsets,
  report: (problem: IcsProblem) => void,
): { text: string; zone?: string } {
  const known = knownZone(event.timezone, offsets) ? event.timezone : undefined;
  if (known === undefined) report({ ref: event.ref, problem: 'unknown time zone, written in UTC' });
  let zone = known;
  // A wall time in the repeated hour of a fall-back day names two instants; UTC names exactly one.
  if (zone !== undefined && (offsets.isAmbiguous(zone, start) || offsets.isAmbiguous(zone, end))) zone = undefined;
  const data: ICalEventData = {
    id: event.uid,
    sequence: event.sequence,
    // With an event time zone the library prints the Date's *local* wall clock: a TZDate's is the zone's,
    // a plain Date's the server's.
    start: zone !== undefined ? new ZonedDate(start, zone) : new Date(start),
    end: zone !== undefined ? new ZonedDate(end, zone) : new Date(end),
    timezone: zone ?? null,
    stamp: event.updatedAt,
    created: event.createdAt,
    lastModified: event.updatedAt,
    summary: cleanText(event.summary ?? ''),
    status: STATUS[event.status] ?? ICalEventStatus.CONFIRMED,
  };
  const description = cleanText(event.description ?? '');
  if (description) data.description = description;
  const location = cleanText(event.location ?? '');
  if (location) data.location = location;
  const categories = (event.categories ?? []).map(cleanText).filter((category) => category !== '');
  if (categories.length > 0) data.categories = categories.map((category) => ({ name: category }));

  const text = new ICalEvent(data, host).toString();
  const zoneUsed = known;
  if (event.url === undefined || event.url === '') return { text, zone: zoneUsed };
  const url = uriFor(event.url);
  if (url === undefined) {
    report({ ref: event.ref, problem: 'URL is not absolute http(s), left out' });
    return { text, zone: zoneUsed };
  }
  return { text: text.slice(0, -END_VEVENT.length) + `URL;VALUE=URI:${url}${CRLF}${END_VEVENT}`, zone: zoneUsed };
}

function knownZone(zone: string | undefined, offsets: ZoneOffsets): zone is string {
  if (typeof zone !== 'string' || vtimezoneFor(zone) === undefined) return false;
  try {
    offsets.isAmbiguous(zone, 0);
    return true;
  } catch {
    return false;
  }
}

function vtimezoneFor(zone: string): string | undefined {
  let block = vtimezones.get(zone);
  if (block === undefined) {
    const component = getVtimezoneComponent(zone);
    if (!component) return undefined;
    block = component.trim().split(/\r?\n/).join(CRLF) + CRLF;
    vtimezones.set(zone, block);
  }
  return block;
}

function uriFor(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
}

/** Milliseconds, rounded to whole seconds the given way; iCalendar has no finer grain. */
function instant(date: Date, field: string, round: (seconds: number) => number): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new EventProblem(`${field} is not a valid date`);
  if (ms < EARLIEST || ms > LATEST) throw new EventProblem(`${field} is outside the years iCalendar can write`);
  return round(ms / 1000) * 1000;
}

function compareEvents(a: PreparedEvent, b: PreparedEvent): number {
  if (a.start !== b.start) return a.start - b.start;
  if (a.event.uid !== b.event.uid) return a.event.uid < b.event.uid ? -1 : 1;
  const refA = a.event.ref ?? '';
  const refB = b.event.ref ?? '';
  return refA < refB ? -1 : refA > refB ? 1 : 0;
}
