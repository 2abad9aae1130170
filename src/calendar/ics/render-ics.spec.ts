import { jest } from '@jest/globals';
import { makeIcsCalendar, makeIcsEvent, makeIcsEvents } from './ics-factories.js';
import type { IcsEvent } from './ics-model.js';
import { validateIcs } from './ics-validator.js';
import { ICS_PRODID, renderIcs } from './render-ics.js';

const unfold = (text: string): string => text.replace(/\r\n[ \t]/g, '');
const lines = (text: string): string[] => unfold(text).split('\r\n');
const render = (events: IcsEvent[], overrides = {}): string => renderIcs(makeIcsCalendar(events, overrides));
const veventLines = (text: string, uid: string): string[] => {
  const all = lines(text);
  const start = all.indexOf(`UID:${uid}`);
  return all.slice(start, all.indexOf('END:VEVENT', start));
};

describe('renderIcs', () => {
  describe('passes the validator in every shape', () => {
    it.each<[string, () => string]>([
      ['an empty feed', () => render([])],
      [
        'one event with every field',
        () => render([makeIcsEvent({ description: 'Medbring cv', categories: ['Møde'] })]),
      ],
      [
        'one event with only the required fields',
        () => render([makeIcsEvent({ location: undefined, url: undefined })]),
      ],
      [
        'only cancelled events',
        () => render([makeIcsEvent({ status: 'CANCELLED' }), makeIcsEvent({ uid: 'b@x', status: 'CANCELLED' })]),
      ],
      ['2,000 varied events', () => render(makeIcsEvents(2_000))],
      [
        'events in two zones',
        () => render([makeIcsEvent(), makeIcsEvent({ uid: 'ny@x', timezone: 'America/New_York' })]),
      ],
      [
        'events in the repeated autumn hour',
        () =>
          render([makeIcsEvent({ start: new Date('2026-10-25T00:30:00Z'), end: new Date('2026-10-25T01:30:00Z') })]),
      ],
      [
        'a long Danish name and description',
        () =>
          render([makeIcsEvent()], {
            name: 'Æbleø Ålborg '.repeat(10),
            description: 'Linje 1\nLinje 2; ' + 'ø'.repeat(100),
          }),
      ],
    ])('%s', (_shape, produce) => {
      expect(validateIcs(produce())).toEqual([]);
    });
  });

  it('writes the calendar envelope a subscription client expects', () => {
    const text = render([makeIcsEvent()], { name: 'Mine aftaler', description: 'Aftaler hos a-kassen' });
    const all = lines(text);
    expect(all.slice(0, 8)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      `PRODID:${ICS_PRODID}`,
      'NAME:Mine aftaler',
      'X-WR-CALNAME:Mine aftaler',
      'X-WR-CALDESC:Aftaler hos a-kassen',
      'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
      'X-PUBLISHED-TTL:PT1H',
    ]);
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('has no METHOD and no calendar-level time zone name', () => {
    const text = render(makeIcsEvents(20));
    expect(text).not.toMatch(/^METHOD/m);
    expect(text).not.toMatch(/^(X-WR-TIMEZONE|TIMEZONE-ID)/m);
  });

  it('carries the Copenhagen VTIMEZONE from @touch4it/ical-timezones, not a Berlin alias', () => {
    const text = render([makeIcsEvent()]);
    expect(lines(text)).toEqual(
      expect.arrayContaining(['BEGIN:VTIMEZONE', 'TZID:Europe/Copenhagen', 'BEGIN:DAYLIGHT', 'BEGIN:STANDARD']),
    );
    expect(text).not.toContain('Europe/Berlin');
    expect(text.match(/^BEGIN:VTIMEZONE/gm)).toHaveLength(1);
  });

  it('adds one VTIMEZONE per zone in use', () => {
    const text = render([makeIcsEvent(), makeIcsEvent({ uid: 'ny@x', timezone: 'America/New_York' })]);
    expect(text.match(/^TZID:/gm)).toEqual(['TZID:', 'TZID:']);
    expect(text).toContain('DTSTART;TZID=America/New_York:20260605T043000');
  });

  it('prints the refresh interval as a duration', () => {
    const text = render([], { refreshIntervalMinutes: 30 });
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT30M\r\nX-PUBLISHED-TTL:PT30M\r\n');
  });

  it('renders an event with zoned local times, stable UID, SEQUENCE, STATUS and UTC stamps from the row', () => {
    const event = makeIcsEvent({
      uid: 'booking-77@akasse.example',
      sequence: 3,
      start: new Date('2026-06-05T08:30:00Z'),
      end: new Date('2026-06-05T09:15:00Z'),
      createdAt: new Date('2026-05-01T10:00:00Z'),
      updatedAt: new Date('2026-05-02T11:30:15Z'),
      status: 'TENTATIVE',
    });
    const vevent = veventLines(render([event]), 'booking-77@akasse.example');
    expect(vevent).toEqual(
      expect.arrayContaining([
        'UID:booking-77@akasse.example',
        'SEQUENCE:3',
        'DTSTAMP:20260502T113015Z',
        'DTSTART;TZID=Europe/Copenhagen:20260605T103000',
        'DTEND;TZID=Europe/Copenhagen:20260605T111500',
        'STATUS:TENTATIVE',
        'CREATED:20260501T100000Z',
        'LAST-MODIFIED:20260502T113015Z',
      ]),
    );
  });

  it('prints winter times with the winter offset', () => {
    const event = makeIcsEvent({ start: new Date('2026-01-14T12:00:00Z'), end: new Date('2026-01-14T13:00:00Z') });
    expect(render([event])).toContain('DTSTART;TZID=Europe/Copenhagen:20260114T130000\r\n');
  });

  it('renders cancelled events as STATUS:CANCELLED', () => {
    const text = render([makeIcsEvent({ status: 'CANCELLED' })]);
    expect(lines(text)).toContain('STATUS:CANCELLED');
  });

  it('writes a wall time from the repeated autumn hour in UTC, so it names one instant', () => {
    const first = makeIcsEvent({
      uid: 'cest@x',
      start: new Date('2026-10-25T00:30:00Z'),
      end: new Date('2026-10-25T00:45:00Z'),
    });
    const second = makeIcsEvent({
      uid: 'cet@x',
      start: new Date('2026-10-25T01:30:00Z'),
      end: new Date('2026-10-25T01:45:00Z'),
    });
    const after = makeIcsEvent({
      uid: 'after@x',
      start: new Date('2026-10-25T02:00:00Z'),
      end: new Date('2026-10-25T03:00:00Z'),
    });
    const text = render([first, second, after]);
    expect(veventLines(text, 'cest@x')).toEqual(
      expect.arrayContaining(['DTSTART:20261025T003000Z', 'DTEND:20261025T004500Z']),
    );
    expect(veventLines(text, 'cet@x')).toEqual(
      expect.arrayContaining(['DTSTART:20261025T013000Z', 'DTEND:20261025T014500Z']),
    );
    expect(veventLines(text, 'after@x')).toContain('DTSTART;TZID=Europe/Copenhagen:20261025T030000');
  });

  describe('text', () => {
    it('escapes commas, semicolons, backslashes and newlines in every text property', () => {
      const nasty = 'a,b;c\\d\ne\r\nf';
      const escaped = 'a\\,b\\;c\\\\d\\ne\\nf';
      const text = render(
        [makeIcsEvent({ summary: nasty, description: nasty, location: nasty, categories: [nasty, 'Møde'] })],
        {
          name: nasty,
          description: nasty,
        },
      );
      expect(lines(text)).toEqual(
        expect.arrayContaining([
          `NAME:${escaped}`,
          `X-WR-CALNAME:${escaped}`,
          `X-WR-CALDESC:${escaped}`,
          `SUMMARY:${escaped}`,
          `DESCRIPTION:${escaped}`,
          `LOCATION:${escaped}`,
          `CATEGORIES:${escaped},Møde`,
        ]),
      );
    });

    it('strips control characters from all text', () => {
      const dirty = 'Cv\u0000-\u0007værk\u001Bsted\u007F\u0085';
      const text = render(
        [makeIcsEvent({ summary: dirty, description: dirty, location: dirty, categories: [dirty] })],
        {
          name: dirty,
          description: dirty,
        },
      );
      const controls = [...text.replace(/\r\n/g, '')].filter((char) => {
        const code = char.charCodeAt(0);
        return code < 0x20 || (code >= 0x7f && code <= 0x9f);
      });
      expect(controls).toEqual([]);
      expect(lines(text)).toEqual(
        expect.arrayContaining(['SUMMARY:Cv-værksted', 'X-WR-CALNAME:Cv-værksted', 'CATEGORIES:Cv-værksted']),
      );
      expect(validateIcs(text)).toEqual([]);
    });

    it('keeps æ, ø and å and never splits them when folding', () => {
      for (let pad = 60; pad <= 70; pad++) {
        const summary = 'x'.repeat(pad) + 'Ærø og Ålborg, København Ø og Åbenrå '.repeat(4);
        const text = render([makeIcsEvent({ summary })]);
        for (const line of text.split('\r\n')) {
          expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
          expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
        }
        expect(lines(text)).toContain(`SUMMARY:${summary.replace(/,/g, '\\,')}`);
      }
    });

    it('writes URL as a URI, without TEXT escaping', () => {
      const text = render([makeIcsEvent({ url: 'https://akasse.example/booking/1?view=detail,mobile;x=1' })]);
      expect(lines(text)).toContain('URL;VALUE=URI:https://akasse.example/booking/1?view=detail,mobile;x=1');
    });

    it('leaves out empty optional text', () => {
      const text = render([makeIcsEvent({ description: '', location: '\u0007', categories: [''], url: '' })], {
        description: '',
      });
      expect(text).not.toMatch(/^(DESCRIPTION|LOCATION|CATEGORIES|URL|X-WR-CALDESC)/m);
    });
  });

  describe('determinism', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('gives the same bytes for the same input, whenever it runs', () => {
      jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
      const first = render(makeIcsEvents(200));
      jest.setSystemTime(new Date('2031-07-01T12:34:56Z'));
      const second = render(makeIcsEvents(200));
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    });

    it('gives the same bytes whatever order the rows come in', () => {
      const events = makeIcsEvents(50);
      expect(render([...events].reverse())).toBe(render(events));
    });

    it('changes the bytes when a row changes', () => {
      const events = makeIcsEvents(5);
      const changed = events.map((event, i) => (i === 2 ? { ...event, sequence: event.sequence + 1 } : event));
      expect(render(changed)).not.toBe(render(events));
    });

    it('drops sub-second parts instead of letting them leak into the output', () => {
      const event = makeIcsEvent({ start: new Date('2026-06-05T08:30:00.900Z') });
      expect(render([event])).toBe(render([makeIcsEvent()]));
    });
  });

  describe('never fails a feed for one bad event', () => {
    const good = makeIcsEvent({ uid: 'good@x', ref: 'booking:good' });
    const renderWithProblems = (events: IcsEvent[]) => {
      const problems: { ref?: string; problem: string }[] = [];
      const text = renderIcs(makeIcsCalendar(events), { onProblem: (problem) => problems.push(problem) });
      return { text, problems };
    };

    it.each<[string, Partial<IcsEvent>]>([
      ['an empty UID', { uid: '' }],
      ['a UID with a comma', { uid: 'a,b@x' }],
      ['a UID with a newline', { uid: 'a\nUID:b' }],
      ['a UID with a space', { uid: 'a b' }],
      ['a negative SEQUENCE', { sequence: -1 }],
      ['a fractional SEQUENCE', { sequence: 1.5 }],
      ['end before start', { end: new Date('2026-06-05T08:00:00Z') }],
      ['end equal to start', { end: new Date('2026-06-05T08:30:00Z') }],
      ['an invalid date', { start: new Date('nope') }],
      ['a start that is not a date at all', { start: Number.POSITIVE_INFINITY as unknown as Date }],
      ['an invalid updatedAt', { updatedAt: new Date('nope') }],
      ['a date beyond what iCalendar can write', { end: new Date('+010000-01-01T00:00:00Z') }],
    ])('leaves out an event with %s, renders the rest and says which', (_case, overrides) => {
      const { text, problems } = renderWithProblems([
        makeIcsEvent({ uid: 'bad@x', ref: 'booking:bad', ...overrides }),
        good,
      ]);
      expect(validateIcs(text)).toEqual([]);
      expect(text.match(/^BEGIN:VEVENT/gm)).toHaveLength(1);
      expect(text).toContain('UID:good@x');
      expect(problems).toEqual([{ ref: 'booking:bad', problem: expect.any(String) }]);
      // The problem names the field, never the value (a broken value could be anything).
      expect(problems[0].problem).not.toMatch(/a,b|UID:b|nope/);
    });

    it('keeps the first of two events with the same UID', () => {
      const { text, problems } = renderWithProblems([
        good,
        makeIcsEvent({
          uid: 'good@x',
          ref: 'booking:twin',
          start: new Date('2026-06-06T08:30:00Z'),
          end: new Date('2026-06-06T09:30:00Z'),
        }),
      ]);
      expect(text.match(/^BEGIN:VEVENT/gm)).toHaveLength(1);
      expect(text).toContain('DTSTART;TZID=Europe/Copenhagen:20260605T103000');
      expect(problems).toEqual([{ ref: 'booking:twin', problem: 'duplicate UID' }]);
    });

    it('writes an event in an unknown time zone in UTC: the instant is right, the zone is the reader’s', () => {
      const { text, problems } = renderWithProblems([
        makeIcsEvent({ uid: 'mars@x', ref: 'session:mars', timezone: 'Mars/Olympus_Mons' }),
        good,
      ]);
      expect(validateIcs(text)).toEqual([]);
      expect(veventLines(text, 'mars@x')).toEqual(
        expect.arrayContaining(['DTSTART:20260605T083000Z', 'DTEND:20260605T091500Z']),
      );
      expect(text).not.toContain('Mars');
      expect(problems).toEqual([{ ref: 'session:mars', problem: 'unknown time zone, written in UTC' }]);
    });

    it.each([
      ['a relative URL', '/booking/1'],
      ['a javascript: URL', 'javascript:alert(1)'],
    ])('drops %s and keeps the event', (_case, url) => {
      const { text, problems } = renderWithProblems([makeIcsEvent({ uid: 'link@x', ref: 'booking:link', url })]);
      expect(validateIcs(text)).toEqual([]);
      expect(veventLines(text, 'link@x').some((line) => line.startsWith('URL'))).toBe(false);
      expect(problems).toEqual([{ ref: 'booking:link', problem: 'URL is not absolute http(s), left out' }]);
    });

    it('widens a sub-second event to whole seconds instead of losing it', () => {
      const { text, problems } = renderWithProblems([
        makeIcsEvent({
          uid: 'blink@x',
          start: new Date('2026-06-05T08:00:00.100Z'),
          end: new Date('2026-06-05T08:00:00.900Z'),
        }),
      ]);
      expect(validateIcs(text)).toEqual([]);
      expect(veventLines(text, 'blink@x')).toEqual(
        expect.arrayContaining([
          'DTSTART;TZID=Europe/Copenhagen:20260605T100000',
          'DTEND;TZID=Europe/Copenhagen:20260605T100001',
        ]),
      );
      expect(problems).toEqual([]);
    });

    it('still refuses a calendar it cannot describe (a programming error, not a row)', () => {
      expect(() => render([], { refreshIntervalMinutes: 0 })).toThrow(RangeError);
    });
  });
});
