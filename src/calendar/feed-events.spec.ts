import { COPENHAGEN } from '../shared/time/zone.js';
import { validateIcs, renderIcs } from './ics/index.js';
import {
  bookingEvent,
  type BookingEventRow,
  feedCalendar,
  feedWindow,
  publicSessionEvent,
  closedLinkExpired,
  sessionEvent,
  type SessionEventRow,
} from './feed-events.js';

const BASE = 'https://akasse.example';

function bookingRow(overrides: Partial<BookingEventRow> = {}): BookingEventRow {
  return {
    bookingId: 'b1',
    uid: 'b1@akasse-scheduler',
    sequence: 2,
    start: new Date('2027-03-28T08:00:00Z'),
    end: new Date('2027-03-28T09:00:00Z'),
    channel: 'in-person',
    activity: 'CV-samtale',
    officeName: 'Metal Aarhus',
    street: 'Søndergade 3',
    postcode: '8000',
    city: 'Aarhus C',
    timezone: COPENHAGEN,
    roomName: null,
    cancelled: false,
    createdAt: new Date('2026-11-01T10:00:00Z'),
    updatedAt: new Date('2026-11-02T10:00:00Z'),
    ...overrides,
  };
}

function sessionRow(overrides: Partial<SessionEventRow> = {}): SessionEventRow {
  return {
    sessionId: 's1',
    uid: 's1@akasse-scheduler',
    sequence: 0,
    start: new Date('2027-10-31T12:00:00Z'),
    end: new Date('2027-10-31T14:00:00Z'),
    activity: 'Netcafé',
    officeName: 'Metal Odense',
    street: 'Vestergade 1',
    postcode: '5000',
    city: 'Odense C',
    timezone: COPENHAGEN,
    roomName: 'Lokale 2',
    capacity: 4,
    booked: 2,
    cancelled: false,
    createdAt: new Date('2026-11-01T10:00:00Z'),
    updatedAt: new Date('2026-11-02T10:00:00Z'),
    ...overrides,
  };
}

describe('feedWindow', () => {
  it('runs from 30 whole UTC days back to 365 ahead, whatever the time of day', () => {
    for (const now of ['2026-11-23T00:00:00Z', '2026-11-23T23:59:59.999Z']) {
      const window = feedWindow(new Date(now));
      expect(window.day).toBe('2026-11-23');
      expect(window.from.toISOString()).toBe('2026-10-24T00:00:00.000Z');
      expect(window.to.toISOString()).toBe('2027-11-23T00:00:00.000Z');
      expect(window.cancelledSince.toISOString()).toBe('2026-10-24T00:00:00.000Z');
    }
    expect(feedWindow(new Date('2026-11-24T00:00:00Z')).day).toBe('2026-11-24');
  });
});

describe('closedLinkExpired', () => {
  it('keeps a revoked link answering for 30 days', () => {
    const revokedAt = new Date('2026-11-01T12:00:00Z');
    expect(closedLinkExpired(revokedAt, new Date('2026-12-01T12:00:00Z'))).toBe(false);
    expect(closedLinkExpired(revokedAt, new Date('2026-12-01T12:00:01Z'))).toBe(true);
  });
});

describe('bookingEvent', () => {
  it('titles a booking by activity, places it at the office address and links to the booking', () => {
    const event = bookingEvent(bookingRow(), BASE);
    expect(event).toMatchObject({
      uid: 'b1@akasse-scheduler',
      sequence: 2,
      summary: 'CV-samtale',
      location: 'Metal Aarhus, Søndergade 3, 8000 Aarhus C',
      url: 'https://akasse.example/app/bookings/b1',
      status: 'CONFIRMED',
      timezone: COPENHAGEN,
    });
    expect(event.description).toBe('Fremmøde på kontoret, Metal Aarhus');
  });

  it('gives phone and video meetings no address, and marks cancellations', () => {
    const phone = bookingEvent(bookingRow({ channel: 'phone', cancelled: true, roomName: 'Lokale 1' }), BASE);
    expect(phone.summary).toBe('Aflyst: CV-samtale (telefon)');
    expect(phone.location).toBeUndefined();
    expect(phone.description).toBe('Telefonmøde, Metal Aarhus\nLokale: Lokale 1');
    expect(phone.status).toBe('CANCELLED');
    expect(bookingEvent(bookingRow({ channel: 'video' }), BASE).summary).toBe('CV-samtale (video)');
  });

  it('gives each staff member’s feed a UID of its own for the booking', () => {
    const row = bookingRow();
    const forA = bookingEvent(row, BASE, 'staff-a').uid;
    const forB = bookingEvent(row, BASE, 'staff-b').uid;
    expect(new Set([row.uid, forA, forB]).size).toBe(3);
    expect(forA).toBe(bookingEvent(row, BASE, 'staff-a').uid);
    expect(forA).toMatch(/@akasse-scheduler$/);
  });
});

describe('session events', () => {
  it('shows leaders the number of participants and the public the seats left', () => {
    expect(sessionEvent(sessionRow(), BASE).summary).toBe('Netcafé – 2 deltagere');
    expect(sessionEvent(sessionRow({ booked: 1 }), BASE).summary).toBe('Netcafé – 1 deltager');
    expect(sessionEvent(sessionRow(), BASE).description).toBe('Lokale: Lokale 2\nTilmeldte: 2 af 4');
    expect(publicSessionEvent(sessionRow(), BASE).summary).toBe('Netcafé – 2 af 4 pladser ledige');
    expect(publicSessionEvent(sessionRow({ booked: 4 }), BASE).summary).toBe('Netcafé – 0 af 4 pladser ledige');
    expect(publicSessionEvent(sessionRow({ cancelled: true }), BASE)).toMatchObject({
      summary: 'Aflyst: Netcafé',
      status: 'CANCELLED',
    });
    expect(sessionEvent(sessionRow({ cancelled: true }), BASE)).toMatchObject({
      summary: 'Aflyst: Netcafé',
      status: 'CANCELLED',
    });
    expect(publicSessionEvent(sessionRow(), BASE).url).toBe('https://akasse.example/app/sessions/s1');
  });

  it('renders into a feed the strict validator accepts', () => {
    const text = renderIcs(
      feedCalendar('Gruppeforløb – Metal Odense', [
        publicSessionEvent(sessionRow(), BASE),
        bookingEvent(bookingRow(), BASE),
        bookingEvent(bookingRow({ uid: 'b2@akasse-scheduler', bookingId: 'b2', channel: 'video' }), BASE),
      ]),
    );
    expect(validateIcs(text)).toEqual([]);
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
  });
});
