import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { etagFor } from '../../src/calendar/ics/etag.js';
import { makeIcsCalendar, makeIcsEvents } from '../../src/calendar/ics/ics-factories.js';
import type { IcsCalendar, IcsEvent } from '../../src/calendar/ics/ics-model.js';
import { validateIcs } from '../../src/calendar/ics/ics-validator.js';
import { renderIcs } from '../../src/calendar/ics/render-ics.js';

const EVENTS = 2_000;
const RUNS = 30;
const WARMUP = 5;
const ETAG_CALLS = 10_000;

// The baseline's VTIMEZONE is a fixed copy, as a hand-rolled feed would carry it.
const COPENHAGEN_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Copenhagen',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/**
 * Baseline: the least a correct feed needs, written by hand (zoned wall time, TEXT escaping, UTF-8-aware
 * folding, CRLF) and nothing else: no input checks, no sanitising, no DST-ambiguity handling.
 */
export function renderBaseline(calendar: IcsCalendar): string {
  const escape = (text: string): string => text.replace(/[\\;,]/g, '\\$&').replace(/\r?\n/g, '\\n');
  const utc = (date: Date): string => date.toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z';
  const local = (date: Date, timeZone: string): string => {
    let format = wallClocks.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat('sv-SE', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
      wallClocks.set(timeZone, format);
    }
    const digits = format.format(date).replace(/\D/g, '');
    return `${digits.slice(0, 8)}T${digits.slice(8, 14)}`;
  };
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//baseline//EN',
    `X-WR-CALNAME:${escape(calendar.name)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...COPENHAGEN_VTIMEZONE,
  ];
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `SEQUENCE:${event.sequence}`,
      `DTSTAMP:${utc(event.updatedAt)}`,
      `DTSTART;TZID=${event.timezone}:${local(event.start, event.timezone)}`,
      `DTEND;TZID=${event.timezone}:${local(event.end, event.timezone)}`,
      `SUMMARY:${escape(event.summary)}`,
    );
    if (event.location) lines.push(`LOCATION:${escape(event.location)}`);
    if (event.description) lines.push(`DESCRIPTION:${escape(event.description)}`);
    if (event.categories?.length) lines.push(`CATEGORIES:${event.categories.map(escape).join(',')}`);
    if (event.url) lines.push(`URL;VALUE=URI:${event.url}`);
    lines.push(
      `STATUS:${event.status}`,
      `CREATED:${utc(event.createdAt)}`,
      `LAST-MODIFIED:${utc(event.updatedAt)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldBaseline).join('\r\n') + '\r\n';
}

function foldBaseline(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

interface Timing {
  median: number;
  p95: number;
}

function time(runs: number, warmup: number, task: () => unknown): Timing {
  for (let i = 0; i < warmup; i++) task();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    task();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return summarise(samples);
}

function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

const ms = (value: number): string => (value >= 1 ? value.toFixed(1) : value.toFixed(4));

export function main(): string {
  const events: IcsEvent[] = makeIcsEvents(EVENTS);
  const calendar = makeIcsCalendar(events);
  const core = renderIcs(calendar);
  const baseline = renderBaseline(calendar);
  const problems = validateIcs(core);
  if (problems.length > 0) throw new Error(`core output is invalid: ${problems.join('; ')}`);

  // Interleaved so drift on a shared machine hits both sides alike.
  const coreSamples: number[] = [];
  const baselineSamples: number[] = [];
  for (let i = 0; i < WARMUP; i++) {
    renderIcs(calendar);
    renderBaseline(calendar);
  }
  for (let i = 0; i < RUNS; i++) {
    let started = process.hrtime.bigint();
    renderIcs(calendar);
    coreSamples.push(Number(process.hrtime.bigint() - started) / 1e6);
    started = process.hrtime.bigint();
    renderBaseline(calendar);
    baselineSamples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const coreTiming = summarise(coreSamples);
  const baselineTiming = summarise(baselineSamples);
  let revision = 0;
  const etag = time(ETAG_CALLS, 1_000, () => etagFor(++revision, 'member:4711:2026-06-05'));
  // What a client that accepts gzip costs on top of the render (the service compresses off the event loop).
  const gzipped = gzipSync(core);
  const gzip = time(RUNS, WARMUP, () => gzipSync(core));

  const table = [
    `Calendar feed, ${EVENTS} events, ${RUNS} runs (Node ${process.version}, TZ=${process.env.TZ ?? 'system'})`,
    '',
    '| measurement | median ms | p95 ms | bytes |',
    '|---|---:|---:|---:|',
    `| renderIcs (ical-generator core) | ${ms(coreTiming.median)} | ${ms(coreTiming.p95)} | ${Buffer.byteLength(core)} |`,
    `| hand-written baseline | ${ms(baselineTiming.median)} | ${ms(baselineTiming.p95)} | ${Buffer.byteLength(baseline)} |`,
    `| ratio core / baseline | ${(coreTiming.median / baselineTiming.median).toFixed(2)}× | ${(coreTiming.p95 / baselineTiming.p95).toFixed(2)}× | |`,
    `| gzip of the rendered feed (level 6) | ${ms(gzip.median)} | ${ms(gzip.p95)} | ${gzipped.length} |`,
    `| ratio gzip / renderIcs (time), gzip / plain (bytes) | ${(gzip.median / coreTiming.median).toFixed(2)}× | ${(gzip.p95 / coreTiming.p95).toFixed(2)}× | ${(gzipped.length / Buffer.byteLength(core)).toFixed(3)} |`,
    `| etagFor (304 path, ${ETAG_CALLS} calls) | ${ms(etag.median)} | ${ms(etag.p95)} | |`,
    '',
  ].join('\n');
  console.log(table);
  return table;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
