import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Schema } from '../src/api/client';
import { stubApi } from './support/api-stub';
import { renderApp } from './support/render-app';

type BookingDetails = Schema<'BookingDetailsDto'>;

// GET /api/bookings/:id/details as the service answers it (src/booking/dto): the page every calendar event links to.
const MEMBER_ID = '7a1d2c3e-5b6f-4a8b-9c0d-1e2f3a4b5c6d';
const BOOKING = 'b0000000-0000-4000-8000-0000000000f1';

const details = (status: BookingDetails['status']): BookingDetails => ({
  id: BOOKING,
  status,
  icalUid: `${BOOKING}@akasse-booking`,
  icalSequence: 0,
  createdAt: '2027-02-26T10:00:00.000Z',
  memberId: MEMBER_ID,
  programmeItemId: 'c4f1a2b3-0000-4000-8000-000000000003',
  slotId: 'e1a2b3c4-0000-4000-8000-00000000a002',
  sessionId: null,
  activityCode: 'cv-meeting',
  activityNameDa: 'CV-samtale',
  activityNameEn: 'CV meeting',
  activityKind: 'individual',
  channel: 'in-person',
  start: '2027-03-03T12:00:00.000Z',
  end: '2027-03-03T13:00:00.000Z',
  windowStart: '2027-02-25T23:00:00.000Z',
  windowEnd: '2027-03-14T23:00:00.000Z',
  office: {
    id: '0b9e6f1c-2d3a-4b5c-8d7e-6f5a4b3c2d1e',
    name: 'Aarhus',
    street: 'Søren Frichs Vej 38',
    postcode: '8230',
    city: 'Åbyhøj',
    lat: 56.153,
    lon: 10.158,
  },
  roomName: 'Mødelokale 2',
  staff: [{ firstName: 'Lene', role: 'adviser' }],
  mapUrl: 'https://www.openstreetmap.org/?mlat=56.153&mlon=10.158#map=17/56.153/10.158',
  rules: {
    canCancel: status === 'booked',
    canReschedule: status === 'booked',
    changeUntil: '2027-03-03T12:00:00.000Z',
    itemReopensUntil: '2027-03-14T23:00:00.000Z',
    seatGoesToWaitlist: false,
  },
});

describe('a member’s booking page', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-01T09:30:00.000Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('shows what, when, where and with whom, and cancels through the dialog', async () => {
    let cancelled = false;
    const api = stubApi({
      'GET /api/bookings/:id/details': () => details(cancelled ? 'cancelled' : 'booked'),
      'POST /api/bookings/:id/cancel': () => {
        cancelled = true;
        return { ...details('cancelled'), cancelledAt: '2027-03-01T09:30:00.000Z' };
      },
    });
    const { user } = renderApp(`/bookings/${BOOKING}`, { role: 'member', subjectId: MEMBER_ID });

    await screen.findByRole('heading', { name: 'CV-samtale', level: 1 });
    expect(screen.getByTestId('booking-status')).toHaveTextContent('Booket');
    expect(screen.getByText('onsdag den 3. marts 2027 kl. 13.00–14.00')).toBeInTheDocument();
    expect(screen.getByText('Lokale: Mødelokale 2')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Vis Aarhus på kort' })).toHaveAttribute('href', details('booked').mapUrl);
    expect(screen.getByText('Lene, rådgiver')).toBeInTheDocument();
    // The window ends at midnight: its last day is the 14th. (The closed cancel dialog says it too.)
    expect(
      screen.getAllByText('Aflyser du, skal du booke en ny tid senest søndag den 14. marts 2027.')[0],
    ).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Aflys' }));
    const dialog = screen.getByRole('dialog', { name: 'Aflys din booking?' });
    expect(dialog).toHaveTextContent('Du aflyser CV-samtale onsdag den 3. marts 2027 kl. 13.00.');
    await user.click(within(dialog).getByRole('button', { name: 'Aflys' }));

    expect(await screen.findByTestId('booking-message')).toHaveTextContent(
      'Din aftale er aflyst. Book en ny tid i Mit forløb.',
    );
    await waitFor(() => expect(screen.getByTestId('booking-status')).toHaveTextContent('Aflyst'));
    expect(screen.queryByRole('button', { name: 'Tilføj til kalender' })).not.toBeInTheDocument();
    const cancels = api.to('POST /api/bookings/:id/cancel');
    expect(cancels).toHaveLength(1);
    expect(cancels[0].path).toBe(`/api/bookings/${BOOKING}/cancel`);
    expect(cancels[0].body).toEqual({});
    expect(api.unanswered).toEqual([]);
  });
});
