import { validateIcs } from './ics-validator.js';

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Copenhagen',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const EVENT_1 = [
  'BEGIN:VEVENT',
  'UID:booking-1@akasse.example',
  'SEQUENCE:0',
  'DTSTAMP:20260502T113000Z',
  'DTSTART;TZID=Europe/Copenhagen:20260605T103000',
  'DTEND;TZID=Europe/Copenhagen:20260605T111500',
  'SUMMARY:Samtale om dagpenge\\, Århus',
  'STATUS:CONFIRMED',
  'END:VEVENT',
];

const EVENT_2 = [
  'BEGIN:VEVENT',
  'UID:booking-2@akasse.example',
  'DTSTAMP:20260502T113000Z',
  'DTSTART:20261025T003000Z',
  'DURATION:PT1H',
  'SUMMARY:Cv-værksted',
  'STATUS:CANCELLED',
  'END:VEVENT',
];

const HEADER = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Test//DA', 'X-WR-CALNAME:Mine aftaler'];

function doc(lines: string[]): string {
  return lines.join('\r\n') + '\r\n';
}

const VALID_LINES = [...HEADER, ...VTIMEZONE, ...EVENT_1, ...EVENT_2, 'END:VCALENDAR'];
const VALID = doc(VALID_LINES);

/** Replaces the first line equal to `from` (which must exist) with `to` (none, one or several lines). */
function replaceLine(from: string, ...to: string[]): string {
  const index = VALID_LINES.indexOf(from);
  if (index < 0) throw new Error(`fixture has no line ${from}`);
  return doc([...VALID_LINES.slice(0, index), ...to, ...VALID_LINES.slice(index + 1)]);
}

describe('validateIcs', () => {
  it('accepts a well-formed feed', () => {
    expect(validateIcs(VALID)).toEqual([]);
  });

  it('accepts all-day events, UTC times, METHOD:PUBLISH and recurrence overrides sharing a UID', () => {
    const text = doc([
      ...HEADER,
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      'UID:series-1@akasse.example',
      'DTSTAMP:20260502T113000Z',
      'DTSTART;VALUE=DATE:20260605',
      'DTEND;VALUE=DATE:20260606',
      'RRULE:FREQ=WEEKLY;COUNT=3',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:series-1@akasse.example',
      'RECURRENCE-ID;VALUE=DATE:20260612',
      'DTSTAMP:20260502T113000Z',
      'DTSTART:20260612T080000Z',
      'DTEND:20260612T090000Z',
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
    expect(validateIcs(text)).toEqual([]);
  });

  it('accepts properly folded lines, including with a tab as fold indicator', () => {
    const text = replaceLine(
      'SUMMARY:Samtale om dagpenge\\, Århus',
      'SUMMARY:' + 'x'.repeat(67),
      ' ' + 'æ'.repeat(37),
      '\t' + 'ø'.repeat(37),
    );
    expect(validateIcs(text)).toEqual([]);
  });

  // Each check, fed a hand-broken copy of the valid feed, must report the defect.
  it.each<[string, () => string, RegExp]>([
    ['a bare LF', () => VALID.replace('VERSION:2.0\r\n', 'VERSION:2.0\n'), /line 2: bare LF/],
    ['a bare CR', () => VALID.replace('VERSION:2.0\r\n', 'VERSION:2.0\r'), /line 2: bare CR/],
    ['LF line ends throughout', () => VALID.replace(/\r\n/g, '\n'), /bare LF/],
    ['a missing final CRLF', () => VALID.slice(0, -2), /does not end with CRLF/],
    ['an empty document', () => '', /empty document/],
    [
      'a line over 75 octets',
      () => replaceLine('SUMMARY:Samtale om dagpenge\\, Århus', 'SUMMARY:' + 'x'.repeat(68)),
      /76 octets/,
    ],
    // 70 characters, but æ is two octets in UTF-8.
    [
      'a line over 75 octets in UTF-8 only',
      () => replaceLine('SUMMARY:Samtale om dagpenge\\, Århus', 'SUMMARY:' + 'æ'.repeat(62)),
      /132 octets/,
    ],
    ['an empty line', () => replaceLine('SEQUENCE:0', ''), /empty line/],
    ['a continuation with nothing to continue', () => ' x' + '\r\n' + VALID, /continuation line without/],
    ['a malformed content line', () => replaceLine('SEQUENCE:0', 'SEQUENCE 0'), /malformed content line/],
    ['an unterminated quoted parameter', () => replaceLine('SEQUENCE:0', 'X-A;X-P="open:1'), /malformed content line/],
    [
      'a missing END:VEVENT',
      () => doc([...HEADER, ...VTIMEZONE, ...EVENT_1.slice(0, -1), ...EVENT_2, 'END:VCALENDAR']),
      /BEGIN:VEVENT/,
    ],
    ['a missing END:VCALENDAR', () => doc(VALID_LINES.slice(0, -1)), /line 1: BEGIN:VCALENDAR is never closed/],
    ['an END without BEGIN', () => replaceLine('SEQUENCE:0', 'END:VTODO'), /END:VTODO without matching BEGIN/],
    ['a crossed END', () => replaceLine('END:DAYLIGHT', 'END:VTIMEZONE'), /END:VTIMEZONE closes BEGIN:DAYLIGHT/],
    ['a VEVENT nested in a VEVENT', () => replaceLine('SEQUENCE:0', ...EVENT_2), /VEVENT cannot be nested in VEVENT/],
    ['a component outside VCALENDAR', () => VALID + doc(EVENT_2), /BEGIN:VEVENT outside VCALENDAR/],
    ['a property after END:VCALENDAR', () => VALID + 'X-A:1\r\n', /X-A after END:VCALENDAR/],
    ['two VCALENDARs', () => VALID + VALID, /more than one VCALENDAR/],
    ['no VCALENDAR at all', () => 'X-A:1\r\n', /no VCALENDAR/],
    ['a calendar without components', () => doc([...HEADER, 'END:VCALENDAR']), /no components/],
    ['a missing VERSION', () => replaceLine('VERSION:2.0'), /VCALENDAR of line 1: missing VERSION/],
    ['VERSION other than 2.0', () => replaceLine('VERSION:2.0', 'VERSION:1.0'), /VERSION must be 2.0/],
    ['a missing PRODID', () => replaceLine('PRODID:-//Test//Test//DA'), /missing PRODID/],
    [
      'a twice-given PRODID',
      () => replaceLine('PRODID:-//Test//Test//DA', 'PRODID:a', 'PRODID:b'),
      /PRODID occurs 2 times/,
    ],
    ['a VEVENT without UID', () => replaceLine('UID:booking-1@akasse.example'), /missing UID/],
    ['a VEVENT without DTSTAMP', () => replaceLine('DTSTAMP:20260502T113000Z'), /missing DTSTAMP/],
    [
      'a VEVENT without DTSTART',
      () => replaceLine('DTSTART;TZID=Europe/Copenhagen:20260605T103000'),
      /missing DTSTART/,
    ],
    [
      'a VEVENT without DTEND or DURATION',
      () => replaceLine('DTEND;TZID=Europe/Copenhagen:20260605T111500'),
      /missing DTEND or DURATION/,
    ],
    [
      'a VEVENT with both DTEND and DURATION',
      () => replaceLine('DURATION:PT1H', 'DURATION:PT1H', 'DTEND:20261025T013000Z'),
      /more than one DTEND\/DURATION/,
    ],
    ['a VTIMEZONE without TZID', () => replaceLine('TZID:Europe/Copenhagen'), /VTIMEZONE of line 5: missing TZID/],
    [
      'a local DTSTAMP',
      () => replaceLine('DTSTAMP:20260502T113000Z', 'DTSTAMP:20260502T133000'),
      /DTSTAMP must be a UTC date-time/,
    ],
    [
      'a DTSTAMP with TZID',
      () => replaceLine('DTSTAMP:20260502T113000Z', 'DTSTAMP;TZID=Europe/Copenhagen:20260502T133000'),
      /DTSTAMP must be a UTC/,
    ],
    [
      'a local LAST-MODIFIED',
      () => replaceLine('SEQUENCE:0', 'LAST-MODIFIED:20260502T133000'),
      /LAST-MODIFIED must be a UTC/,
    ],
    [
      'a floating DTSTART',
      () => replaceLine('DTSTART;TZID=Europe/Copenhagen:20260605T103000', 'DTSTART:20260605T103000'),
      /DTSTART is floating/,
    ],
    [
      'a floating DTEND',
      () => replaceLine('DTEND;TZID=Europe/Copenhagen:20260605T111500', 'DTEND:20260605T111500'),
      /DTEND is floating/,
    ],
    [
      'a TZID time with Z',
      () =>
        replaceLine(
          'DTSTART;TZID=Europe/Copenhagen:20260605T103000',
          'DTSTART;TZID=Europe/Copenhagen:20260605T083000Z',
        ),
      /with TZID must be a local date-time/,
    ],
    [
      'a VALUE=DATE with a time',
      () => replaceLine('DTSTART;TZID=Europe/Copenhagen:20260605T103000', 'DTSTART;VALUE=DATE:20260605T103000'),
      /VALUE=DATE is not a date/,
    ],
    [
      'a TZID without VTIMEZONE',
      () => replaceLine('DTSTART;TZID=Europe/Copenhagen:20260605T103000', 'DTSTART;TZID=Europe/Berlin:20260605T103000'),
      /TZID=Europe\/Berlin has no VTIMEZONE/,
    ],
    [
      'no VTIMEZONE at all',
      () => doc([...HEADER, ...EVENT_1, 'END:VCALENDAR']),
      /TZID=Europe\/Copenhagen has no VTIMEZONE/,
    ],
    [
      'two VTIMEZONEs with one TZID',
      () => doc([...HEADER, ...VTIMEZONE, ...VTIMEZONE, ...EVENT_1, 'END:VCALENDAR']),
      /second VTIMEZONE for Europe\/Copenhagen/,
    ],
    [
      'a VTIMEZONE without rules',
      () => doc([...HEADER, 'BEGIN:VTIMEZONE', 'TZID:Europe/Copenhagen', 'END:VTIMEZONE', ...EVENT_1, 'END:VCALENDAR']),
      /no STANDARD or DAYLIGHT/,
    ],
    [
      'duplicate UIDs',
      () => replaceLine('UID:booking-2@akasse.example', 'UID:booking-1@akasse.example'),
      /UID booking-1@akasse.example already used/,
    ],
    ['METHOD:REQUEST', () => replaceLine('X-WR-CALNAME:Mine aftaler', 'METHOD:REQUEST'), /METHOD:REQUEST/],
    [
      'a BEL control character',
      () => replaceLine('SUMMARY:Cv-værksted', 'SUMMARY:Cv\u0007værksted'),
      /control character U\+0007/,
    ],
    [
      'a NUL control character',
      () => replaceLine('SUMMARY:Cv-værksted', 'SUMMARY:Cv\u0000værksted'),
      /control character U\+0000/,
    ],
    [
      'a tab inside a value',
      () => replaceLine('SUMMARY:Cv-værksted', 'SUMMARY:Cv\tværksted'),
      /control character U\+0009/,
    ],
    [
      'a DEL character',
      () => replaceLine('SUMMARY:Cv-værksted', 'SUMMARY:Cv\u007Fværksted'),
      /control character U\+007F/,
    ],
    [
      'a C1 control character',
      () => replaceLine('SUMMARY:Cv-værksted', 'SUMMARY:Cv\u0085værksted'),
      /control character U\+0085/,
    ],
    [
      'a replacement character (split UTF-8 decoded)',
      () => replaceLine('SUMMARY:Cv-værksted', 'SUMMARY:Cv-v\uFFFDrksted'),
      /broken character/,
    ],
    ['a lone surrogate', () => replaceLine('SUMMARY:Cv-værksted', 'SUMMARY:Cv-v\uD83Drksted'), /broken character/],
    [
      'an e-mail address',
      () => replaceLine('SUMMARY:Cv-værksted', 'DESCRIPTION:Skriv til jens.hansen@example.dk'),
      /DESCRIPTION matches forbidden pattern/,
    ],
    [
      'an e-mail address split by folding',
      () => replaceLine('SUMMARY:Cv-værksted', 'DESCRIPTION:Skriv til jens.han', ' sen@example.dk'),
      /DESCRIPTION matches forbidden pattern/,
    ],
    [
      'an e-mail address in a parameter',
      () => replaceLine('SUMMARY:Cv-værksted', 'ORGANIZER;CN=Rådgiver:mailto:raadgiver@akasse.dk'),
      /ORGANIZER matches forbidden pattern/,
    ],
  ])('reports %s', (_defect, broken, expected) => {
    const problems = validateIcs(broken());
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it('does not take id@domain UIDs for e-mail addresses', () => {
    expect(VALID).toContain('UID:booking-1@akasse.example');
    expect(validateIcs(VALID)).toEqual([]);
  });

  it('checks caller patterns against the unescaped, unfolded value', () => {
    const text = replaceLine('SUMMARY:Cv-værksted', 'SUMMARY:Møde med Hansen\\, Jens', '  Peter');
    const problems = validateIcs(text, { forbidden: [/Hansen, Jens Peter/] });
    expect(problems).toEqual([expect.stringMatching(/SUMMARY matches forbidden pattern \/Hansen, Jens Peter\//)]);
  });

  it('does not repeat matched personal data in the report', () => {
    const text = replaceLine('SUMMARY:Cv-værksted', 'DESCRIPTION:jens@example.dk');
    expect(validateIcs(text).join('\n')).not.toContain('jens@example.dk');
  });

  it('keeps the default e-mail check next to caller patterns unless told otherwise', () => {
    const text = replaceLine('SUMMARY:Cv-værksted', 'DESCRIPTION:jens@example.dk');
    expect(validateIcs(text, { forbidden: [/Hansen/] })).toHaveLength(1);
    expect(validateIcs(text, { useDefaultForbidden: false })).toEqual([]);
  });

  it('is not fooled by a global regex keeping state between lines', () => {
    const text = replaceLine('SUMMARY:Cv-værksted', 'SUMMARY:Hansen', 'DESCRIPTION:Hansen');
    expect(validateIcs(text, { forbidden: [/Hansen/g] })).toHaveLength(2);
  });

  it('caps repeated reports of one kind', () => {
    const problems = validateIcs(VALID.replace(/\r\n/g, '\n'));
    expect(problems.filter((problem) => /bare LF/.test(problem))).toHaveLength(5);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+ more line-end problems$/)]));
  });
});
