import { DEFAULT_ICS_TIMEZONE, type IcsCalendar, type IcsEvent, type IcsEventStatus } from './ics-model.js';

/** Test and benchmark data only; feeds in production are built from rows by the calendar service. */
export function makeIcsEvent(overrides: Partial<IcsEvent> = {}): IcsEvent {
  return {
    uid: 'booking-1@akasse.example',
    sequence: 0,
    start: new Date('2026-06-05T08:30:00Z'),
    end: new Date('2026-06-05T09:15:00Z'),
    timezone: DEFAULT_ICS_TIMEZONE,
    summary: 'Samtale om dagpenge',
    location: 'A-kassen, Vesterbrogade 12, København V',
    url: 'https://akasse.example/booking/1',
    status: 'CONFIRMED',
    createdAt: new Date('2026-05-01T10:00:00Z'),
    updatedAt: new Date('2026-05-02T11:30:00Z'),
    ...overrides,
  };
}

const SUMMARIES = [
  'Samtale om dagpenge',
  'Cv-værksted',
  'Jobsøgningskursus',
  'Netcafé: rådighed',
  'Opfølgning på ledighed',
];
const OFFICES = ['Århus C, Søndergade 3', 'Ålborg, Vestergade 9', 'Odense; Østergade 1', 'Næstved\\Holmegaard'];
const STATUSES: IcsEventStatus[] = ['CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'TENTATIVE', 'CANCELLED'];

/** `count` varied, deterministic events spread over working hours from 2026-01-05, DST days included. */
export function makeIcsEvents(count: number): IcsEvent[] {
  const firstDay = Date.UTC(2026, 0, 5);
  return Array.from({ length: count }, (_, i) => {
    const start = new Date(firstDay + Math.floor(i / 8) * 86_400_000 + (6 + (i % 8)) * 3_600_000 + (i % 2) * 1_800_000);
    return makeIcsEvent({
      uid: `booking-${i + 1}@akasse.example`,
      sequence: i % 3,
      start,
      end: new Date(start.getTime() + (30 + (i % 4) * 15) * 60_000),
      summary: `${SUMMARIES[i % SUMMARIES.length]} (${i + 1})`,
      description: i % 2 === 0 ? `Medbring cv og jobplan.\nSpørgsmål? Ring på 70 20 30 40, tast ${i % 9}.` : undefined,
      location: OFFICES[i % OFFICES.length],
      url: `https://akasse.example/booking/${i + 1}?view=detail,mobile`,
      status: STATUSES[i % STATUSES.length],
      categories: i % 3 === 0 ? ['Møde', 'A-kasse'] : undefined,
      createdAt: new Date(firstDay - 86_400_000 * 30 + i * 60_000),
      updatedAt: new Date(firstDay - 86_400_000 * 10 + i * 60_000),
    });
  });
}

export function makeIcsCalendar(events: IcsEvent[], overrides: Partial<IcsCalendar> = {}): IcsCalendar {
  return { name: 'Mine aftaler – a-kassen', refreshIntervalMinutes: 60, events, ...overrides };
}
