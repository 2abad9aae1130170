import { COPENHAGEN } from '../../shared/time/zone.js';
import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { makeIcsCalendar, makeIcsEvent, makeIcsEvents } from './ics-factories.js';
import type { IcsEvent } from './ics-model.js';
import { renderIcs } from './render-ics.js';

const CPH = COPENHAGEN;

interface ParsedEvent {
  start: Date;
  end: Date;
  startZone: string;
  /** Wall times in Copenhagen of the parsed instants, `YYYY-MM-DD HH:MM`. */
  localStart: string;
  localEnd: string;
  /** DTSTART/DTEND wall times as written, same format. */
  writtenStart: string;
  writtenEnd: string;
  event: ICAL.Event;
  component: ICAL.Component;
}

/** Parses with ical.js the way a client would: the VTIMEZONEs come from the feed itself. */
function parseFeed(text: string): Map<string, ParsedEvent> {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  if (!ICAL.TimezoneService.has(CPH)) throw new Error('feed has no Copenhagen VTIMEZONE');
  const pad = (n: number): string => String(n).padStart(2, '0');
  const written = (time: ICAL.Time): string =>
    `${time.year}-${pad(time.month)}-${pad(time.day)} ${pad(time.hour)}:${pad(time.minute)}`;
  // Not ical.js's convertToZone: inside the repeated autumn hour it lands an hour off (01:30Z → 03:30).
  const wall = (instant: Date): string => {
    const local = new TZDate(instant.getTime(), CPH);
    return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())} ${pad(local.getHours())}:${pad(local.getMinutes())}`;
  };
  const events = new Map<string, ParsedEvent>();
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    const start = event.startDate.toJSDate();
    const end = event.endDate.toJSDate();
    events.set(event.uid, {
      start,
      end,
      startZone: event.startDate.zone.tzid,
      localStart: wall(start),
      localEnd: wall(end),
      writtenStart: written(event.startDate),
      writtenEnd: written(event.endDate),
      event,
      component,
    });
  }
  return events;
}

function roundTrip(events: IcsEvent[]): Map<string, ParsedEvent> {
  return parseFeed(renderIcs(makeIcsCalendar(events)));
}

afterEach(() => {
  // Each test must find its zone in the feed, not in a registration left by another test.
  ICAL.TimezoneService.reset();
});

describe('ical.js round trip', () => {
  it.each<[string, string, string, string, string, 'zoned' | 'utc']>([
    // label, start (UTC), end (UTC), local start, local end, how the feed writes it
    [
      'an ordinary summer day',
      '2026-06-05T08:30:00Z',
      '2026-06-05T09:15:00Z',
      '2026-06-05 10:30',
      '2026-06-05 11:15',
      'zoned',
    ],
    [
      'an ordinary winter day',
      '2026-01-14T12:00:00Z',
      '2026-01-14T13:00:00Z',
      '2026-01-14 13:00',
      '2026-01-14 14:00',
      'zoned',
    ],
    [
      'spring: just before the switch',
      '2026-03-29T00:30:00Z',
      '2026-03-29T00:59:00Z',
      '2026-03-29 01:30',
      '2026-03-29 01:59',
      'zoned',
    ],
    [
      'spring: ending at the switch',
      '2026-03-29T00:00:00Z',
      '2026-03-29T01:00:00Z',
      '2026-03-29 01:00',
      '2026-03-29 03:00',
      'zoned',
    ],
    [
      'spring: across the switch',
      '2026-03-29T00:45:00Z',
      '2026-03-29T01:15:00Z',
      '2026-03-29 01:45',
      '2026-03-29 03:15',
      'zoned',
    ],
    [
      'spring: starting at the switch',
      '2026-03-29T01:00:00Z',
      '2026-03-29T02:00:00Z',
      '2026-03-29 03:00',
      '2026-03-29 04:00',
      'zoned',
    ],
    [
      'spring: just after the switch',
      '2026-03-29T01:30:00Z',
      '2026-03-29T02:30:00Z',
      '2026-03-29 03:30',
      '2026-03-29 04:30',
      'zoned',
    ],
    [
      'spring: the day after',
      '2026-03-30T06:00:00Z',
      '2026-03-30T07:00:00Z',
      '2026-03-30 08:00',
      '2026-03-30 09:00',
      'zoned',
    ],
    [
      'autumn: just before the repeated hour',
      '2026-10-24T23:30:00Z',
      '2026-10-24T23:59:00Z',
      '2026-10-25 01:30',
      '2026-10-25 01:59',
      'zoned',
    ],
    [
      'autumn: ending where the repeated hour starts',
      '2026-10-24T23:00:00Z',
      '2026-10-25T00:00:00Z',
      '2026-10-25 01:00',
      '2026-10-25 02:00',
      'utc',
    ],
    [
      'autumn: 02:30 summer time',
      '2026-10-25T00:30:00Z',
      '2026-10-25T00:45:00Z',
      '2026-10-25 02:30',
      '2026-10-25 02:45',
      'utc',
    ],
    [
      'autumn: 02:30 winter time',
      '2026-10-25T01:30:00Z',
      '2026-10-25T01:45:00Z',
      '2026-10-25 02:30',
      '2026-10-25 02:45',
      'utc',
    ],
    [
      'autumn: across the switch',
      '2026-10-25T00:30:00Z',
      '2026-10-25T02:30:00Z',
      '2026-10-25 02:30',
      '2026-10-25 03:30',
      'utc',
    ],
    [
      'autumn: just after the repeated hour',
      '2026-10-25T02:00:00Z',
      '2026-10-25T03:00:00Z',
      '2026-10-25 03:00',
      '2026-10-25 04:00',
      'zoned',
    ],
    [
      'autumn: the day after',
      '2026-10-26T07:00:00Z',
      '2026-10-26T08:00:00Z',
      '2026-10-26 08:00',
      '2026-10-26 09:00',
      'zoned',
    ],
  ])('%s keeps its instants and Copenhagen wall times', (_label, start, end, localStart, localEnd, form) => {
    const parsed = roundTrip([makeIcsEvent({ start: new Date(start), end: new Date(end) })]).get(
      'booking-1@akasse.example',
    );
    expect(parsed?.start.toISOString()).toBe(new Date(start).toISOString());
    expect(parsed?.end.toISOString()).toBe(new Date(end).toISOString());
    expect(parsed?.localStart).toBe(localStart);
    expect(parsed?.localEnd).toBe(localEnd);
    expect(parsed?.startZone).toBe(form === 'zoned' ? CPH : 'UTC');
    if (form === 'zoned') {
      expect(parsed?.writtenStart).toBe(localStart);
      expect(parsed?.writtenEnd).toBe(localEnd);
    }
  });

  it('keeps the instants of every event of a 2,000-event feed', () => {
    const events = makeIcsEvents(2_000);
    const parsed = roundTrip(events);
    expect(parsed.size).toBe(events.length);
    for (const event of events) {
      const back = parsed.get(event.uid);
      expect(back?.start.getTime()).toBe(event.start.getTime());
      expect(back?.end.getTime()).toBe(event.end.getTime());
    }
  });

  it('keeps the instants of any event, DST days included', () => {
    const minute = 60_000;
    const around = (iso: string): fc.Arbitrary<number> =>
      fc.integer({ min: -36 * 60, max: 36 * 60 }).map((minutes) => Date.parse(iso) + minutes * minute);
    const instant = fc.oneof(
      around('2026-03-29T01:00:00Z'),
      around('2026-10-25T01:00:00Z'),
      fc
        .integer({ min: Date.parse('2026-01-01T00:00:00Z') / minute, max: Date.parse('2027-12-31T00:00:00Z') / minute })
        .map((m) => m * minute),
    );
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 10 * 60 }), (start, minutes) => {
        const event = makeIcsEvent({ start: new Date(start), end: new Date(start + minutes * minute) });
        const back = roundTrip([event]).get(event.uid);
        ICAL.TimezoneService.reset();
        return back?.start.getTime() === start && back.end.getTime() === start + minutes * minute;
      }),
      { numRuns: 300 },
    );
  });

  it('brings back text, status, sequence, URL and categories exactly', () => {
    const event = makeIcsEvent({
      sequence: 4,
      status: 'CANCELLED',
      summary: 'Cv-værksted, Århus; trin 1\\2 – ' + 'æøå ÆØÅ '.repeat(12),
      description: 'Linje 1\nLinje 2, med komma; og semikolon',
      location: 'Søndergade 3, 8000 Århus C',
      url: 'https://akasse.example/booking/1?view=detail,mobile',
      categories: ['Møde', 'Kursus, gruppe'],
    });
    const parsed = roundTrip([event]).get(event.uid);
    expect(parsed?.event.summary).toBe(event.summary);
    expect(parsed?.event.description).toBe(event.description);
    expect(parsed?.event.location).toBe(event.location);
    expect(parsed?.event.sequence).toBe(4);
    expect(parsed?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(parsed?.component.getFirstPropertyValue('url')).toBe(event.url);
    expect(parsed?.component.getFirstProperty('categories')?.getValues()).toEqual(['Møde', 'Kursus, gruppe']);
    expect((parsed?.component.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate()).toEqual(event.updatedAt);
    expect((parsed?.component.getFirstPropertyValue('last-modified') as ICAL.Time).toJSDate()).toEqual(event.updatedAt);
    expect((parsed?.component.getFirstPropertyValue('created') as ICAL.Time).toJSDate()).toEqual(event.createdAt);
  });

  it('brings back the calendar name and description, read as TEXT', () => {
    const name = 'Mine aftaler, Ålborg; 1\\2';
    const description = 'Første linje\nAnden linje, slut';
    const calendar = new ICAL.Component(ICAL.parse(renderIcs(makeIcsCalendar([], { name, description }))));
    // ical.js does not know these properties and hands back the raw value; clients decode it as TEXT.
    const text = (property: string): string =>
      ICAL.design.icalendar.value.text.fromICAL(String(calendar.getFirstPropertyValue(property)));
    expect(text('x-wr-calname')).toBe(name);
    expect(text('name')).toBe(name);
    expect(text('x-wr-caldesc')).toBe(description);
  });
});
