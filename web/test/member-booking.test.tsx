import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Schema } from '../src/api/client';
import { apiError, reply, stubApi, type SentRequest } from './support/api-stub';
import { renderApp } from './support/render-app';

type Availability = Schema<'AvailabilityDto'>;
type FeedLink = Schema<'FeedLinkDto'>;
type Member = Schema<'MemberDto'>;
type Programme = Schema<'ProgrammeDto'>;

// Shapes as GET /api/members/:id, /programme and /availability and POST /api/bookings answer them
// (src/booking: members.dto.ts, availability.service.ts, bookings.repository.ts BookingRow).
const MEMBER_ID = '7a1d2c3e-5b6f-4a8b-9c0d-1e2f3a4b5c6d';
const OFFICE_ID = '0b9e6f1c-2d3a-4b5c-8d7e-6f5a4b3c2d1e';
const NEXT_ITEM = 'c4f1a2b3-0000-4000-8000-000000000002';
const FOLLOW_UP = 'c4f1a2b3-0000-4000-8000-000000000003';
const SLOT_TUE = 'e1a2b3c4-0000-4000-8000-00000000a001';
const SLOT_WED = 'e1a2b3c4-0000-4000-8000-00000000a002';

const member: Member = {
  id: MEMBER_ID,
  memberNumber: '100432',
  name: 'Mette Sørensen',
  homeOfficeId: OFFICE_ID,
  homeOfficeOverridden: false,
  departmentId: 'd0000000-0000-4000-8000-000000000008',
  status: 'active',
  targetGroup: 'low-risk',
  risk: 'low',
  smiley: 'green',
  basicItNeeds: false,
  email: null,
  phone: null,
  municipalityCode: '751',
  programmeTemplateId: null,
  firstUnemploymentDay: '2027-01-04',
  createdAt: '2027-01-04T08:00:00.000Z',
  updatedAt: '2027-01-04T08:00:00.000Z',
};

const programme = (followUpBooked: boolean): Programme => ({
  memberId: MEMBER_ID,
  status: 'active',
  targetGroup: 'low-risk',
  firstUnemploymentDay: '2027-01-04',
  items: [
    {
      id: 'c4f1a2b3-0000-4000-8000-000000000001',
      activityCode: 'cv-meeting',
      activityName: 'CV-samtale',
      activityKind: 'individual',
      memberId: MEMBER_ID,
      origin: 'programme',
      waitlist: [],
      required: true,
      windowStart: '2027-01-03T23:00:00.000Z',
      windowEnd: '2027-01-17T23:00:00.000Z',
      channels: ['in-person'],
      status: 'done',
      windowPassed: true,
      booking: {
        id: 'b0000000-0000-4000-8000-000000000001',
        start: '2027-01-12T09:00:00.000Z',
        end: '2027-01-12T10:00:00.000Z',
        officeId: OFFICE_ID,
        channel: 'in-person',
        status: 'attended',
        sessionId: null,
        fromWaitlist: false,
      },
    },
    {
      id: NEXT_ITEM,
      activityCode: 'joint-meeting',
      activityName: '1. fællessamtale',
      activityKind: 'individual',
      memberId: MEMBER_ID,
      origin: 'programme',
      waitlist: [],
      required: true,
      windowStart: '2027-02-21T23:00:00.000Z',
      windowEnd: '2027-03-14T23:00:00.000Z',
      channels: ['in-person', 'video'],
      status: 'open',
      windowPassed: false,
      booking: null,
    },
    {
      id: FOLLOW_UP,
      activityCode: 'follow-up',
      activityName: 'Jobopfølgning',
      activityKind: 'individual',
      memberId: MEMBER_ID,
      origin: 'programme',
      waitlist: [],
      required: true,
      windowStart: '2027-02-25T23:00:00.000Z',
      windowEnd: '2027-03-28T22:00:00.000Z',
      channels: ['phone', 'in-person', 'video'],
      status: followUpBooked ? 'booked' : 'open',
      windowPassed: false,
      booking: followUpBooked
        ? {
            id: 'b0000000-0000-4000-8000-0000000000f1',
            start: '2027-03-03T12:00:00.000Z',
            end: '2027-03-03T12:30:00.000Z',
            officeId: OFFICE_ID,
            channel: 'phone',
            status: 'booked',
            sessionId: null,
            fromWaitlist: false,
          }
        : null,
    },
  ],
  next: {
    programmeItemId: NEXT_ITEM,
    activityCode: 'joint-meeting',
    activityName: '1. fællessamtale',
    bookBy: '2027-03-14',
  },
});

const option = (id: string, start: string, end: string, channel: Schema<'Channel'>, distanceKm: number | null) => ({
  kind: 'slot' as const,
  id,
  officeId: OFFICE_ID,
  staffId: 'a0000000-0000-4000-8000-0000000000a1',
  channel,
  start,
  end,
  seatsLeft: null,
  officeName: 'Aarhus',
  distanceKm,
  continuity: null,
});

const availability = (request: SentRequest): Availability =>
  request.query.item === FOLLOW_UP
    ? {
        memberId: MEMBER_ID,
        programmeItemId: FOLLOW_UP,
        activityCode: 'follow-up',
        window: { start: '2027-02-25T23:00:00.000Z', end: '2027-03-28T22:00:00.000Z' },
        bookableFrom: '2027-03-01T09:30:00.000Z',
        rescheduling: null,
        options: [
          option(SLOT_TUE, '2027-03-02T08:00:00.000Z', '2027-03-02T08:30:00.000Z', 'in-person', 3.4),
          option(SLOT_WED, '2027-03-03T12:00:00.000Z', '2027-03-03T12:30:00.000Z', 'phone', null),
        ],
        fullSessions: [],
      }
    : {
        memberId: MEMBER_ID,
        programmeItemId: NEXT_ITEM,
        activityCode: 'joint-meeting',
        window: { start: '2027-02-21T23:00:00.000Z', end: '2027-03-14T23:00:00.000Z' },
        bookableFrom: '2027-03-01T09:30:00.000Z',
        rescheduling: null,
        options: [],
        fullSessions: [],
      };

const feeds: FeedLink[] = [];

function memberApi(book: (request: SentRequest) => unknown) {
  let booked = false;
  return stubApi({
    [`GET /api/members/:id`]: member,
    [`GET /api/members/:id/programme`]: () => programme(booked),
    [`GET /api/members/:id/availability`]: availability,
    'GET /api/calendar/feeds': feeds,
    'POST /api/bookings': (request: SentRequest) => {
      const answer = book(request);
      booked = !(
        typeof answer === 'object' &&
        answer !== null &&
        'status' in answer &&
        (answer as { status: number }).status >= 400
      );
      return answer;
    },
  });
}

describe('member books a time', () => {
  beforeEach(() => {
    // Monday 1 March 2027, 10.30 in Copenhagen: the follow-up's window is open.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-01T09:30:00.000Z'));
  });
  afterEach(() => vi.useRealTimers());

  async function chooseWednesdayPhoneTime() {
    const rendered = renderApp('/member', { role: 'member', subjectId: MEMBER_ID });
    const { user } = rendered;
    await screen.findByRole('heading', { name: 'Tidslinje' });
    // The follow-up is not the next step: its times open from its own button on the timeline.
    // jsdom's accessible names drop the space before the visually hidden item name ("Book Jobopfølgning").
    await user.click(screen.getByRole('button', { name: /^Book\s*Jobopfølgning$/ }));
    const days = await screen.findByRole('group', { name: 'Dage med ledige tider' });
    await user.click(within(days).getByRole('button', { name: /ons\. 3\. mar/ }));
    await user.click(screen.getByRole('button', { name: 'Book onsdag den 3. marts 2027 kl. 13.00, Aarhus, telefon' }));
    return rendered;
  }

  it('picks the follow-up, chooses Wednesday’s phone time and books it', async () => {
    const api = memberApi((request) =>
      reply(201, {
        id: 'b0000000-0000-4000-8000-0000000000f1',
        memberId: MEMBER_ID,
        programmeItemId: FOLLOW_UP,
        slotId: (request.body as { slotId: string }).slotId,
        sessionId: null,
        officeId: OFFICE_ID,
        departmentId: 'd0000000-0000-4000-8000-000000000001',
        activityCode: 'follow-up',
        channel: 'phone',
        start: '2027-03-03T12:00:00.000Z',
        end: '2027-03-03T12:30:00.000Z',
        status: 'booked',
        staffId: 'a0000000-0000-4000-8000-0000000000a1',
        createdAt: '2027-03-01T09:30:00.000Z',
        updatedAt: '2027-03-01T09:30:00.000Z',
      }),
    );
    await chooseWednesdayPhoneTime();

    const confirmation = await screen.findByTestId('member-message');
    expect(confirmation).toHaveTextContent('Du er booket onsdag den 3. marts 2027 kl. 13.00.');
    expect(within(confirmation).getByRole('link', { name: 'Se din booking' })).toHaveAttribute(
      'href',
      '/bookings/b0000000-0000-4000-8000-0000000000f1',
    );

    expect(api.to('GET /api/members/:id/availability').filter((r) => r.query.item === FOLLOW_UP)[0].query).toEqual({
      item: FOLLOW_UP,
      maxKm: '50',
    });
    const bookings = api.to('POST /api/bookings');
    expect(bookings).toHaveLength(1);
    expect(bookings[0].body).toEqual({ memberId: MEMBER_ID, programmeItemId: FOLLOW_UP, slotId: SLOT_WED });
    expect(bookings[0].headers.authorization).toBe('Bearer test-token-member');
    // The timeline is fetched again and shows the item booked.
    await waitFor(() => expect(api.to('GET /api/members/:id/programme').length).toBeGreaterThan(1));
    const followUp = screen.getByTestId('timeline').querySelector<HTMLElement>(`[data-item-id="${FOLLOW_UP}"]`)!;
    await waitFor(() => expect(within(followUp).getByText('Booket')).toBeInTheDocument());
    expect(api.unanswered).toEqual([]);
  });

  it('shows the Danish text of a 409 SLOT_TAKEN and books nothing', async () => {
    const api = memberApi(() =>
      apiError(409, 'SLOT_TAKEN', 'Someone else has just booked this time. Please choose another.'),
    );
    await chooseWednesdayPhoneTime();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('En anden har lige booket den tid. Vælg en anden.');
    expect(alert).not.toHaveTextContent('Please choose another');
    expect(alert).toHaveAttribute('data-error-code', 'SLOT_TAKEN');
    expect(screen.queryByTestId('member-message')).not.toBeInTheDocument();
    expect(api.to('POST /api/bookings')).toHaveLength(1);
    expect(api.unanswered).toEqual([]);
  });
});
