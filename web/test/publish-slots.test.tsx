import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Schema } from '../src/api/client';
import { reply, stubApi, type SentRequest } from './support/api-stub';
import { renderApp } from './support/render-app';

type Activity = Schema<'ActivityDto'>;
type Closures = Schema<'ClosuresDto'>;
type Office = Schema<'OfficeDto'>;
type PatternPreview = Schema<'PatternPreviewDto'>;
type Staff = Schema<'StaffDto'>;

// Shapes as the service answers them (src/locations/dto, src/booking/dto/slots.dto.ts, slots.service.ts):
// an adviser at Aarhus publishes the week of 22 March 2027, with Skærtorsdag in it.
const DEPARTMENT = 'd0000000-0000-4000-8000-000000000008';
const AARHUS = '0b9e6f1c-2d3a-4b5c-8d7e-6f5a4b3c2d1e';
const ADVISER = 'a0000000-0000-4000-8000-0000000000a1';

/** An office as GET /api/offices answers it; the fields the page does not read carry plain values. */
const office = (o: Pick<Office, 'id' | 'code' | 'name' | 'kind' | 'town' | 'municipalityCode'>): Office => ({
  ...o,
  departmentId: DEPARTMENT,
  departmentName: 'Østjylland',
  active: true,
  city: o.town,
  street: 'Banegårdspladsen 1',
  postcode: '8000',
  lat: 56.15,
  lon: 10.2,
  island: null,
  isContactCentre: false,
  isHeadOffice: false,
  timezone: 'Europe/Copenhagen',
});
const offices: Office[] = [
  office({ id: AARHUS, code: 'AAR', name: 'Aarhus', kind: 'main', town: 'Aarhus', municipalityCode: '751' }),
  office({
    id: '0b9e6f1c-2d3a-4b5c-8d7e-6f5a4b3c2d1f',
    code: 'SKA',
    name: 'Skanderborg',
    kind: 'satellite',
    town: 'Skanderborg',
    municipalityCode: '746',
  }),
];
const employee = (e: Pick<Staff, 'id' | 'employeeNumber' | 'name' | 'role' | 'skills'>): Staff => ({
  ...e,
  officeId: AARHUS,
  departmentId: DEPARTMENT,
  active: true,
  email: `${e.employeeNumber.toLowerCase()}@example.org`,
  teamCode: null,
  weeklyHours: 37,
});
const staff: Staff[] = [
  employee({ id: ADVISER, employeeNumber: 'M0412', name: 'Lene Holm', role: 'adviser', skills: ['netcafe'] }),
  employee({
    id: 'a0000000-0000-4000-8000-0000000000a2',
    employeeNumber: 'M0413',
    name: 'Jonas Berg',
    role: 'job-consultant',
    skills: ['coaching', 'joint-meeting'],
  }),
  employee({
    id: 'a0000000-0000-4000-8000-0000000000a3',
    employeeNumber: 'M0414',
    name: 'Sara Kjær',
    role: 'office-coordinator',
    skills: [],
  }),
];
// From src/booking/catalogue/activity-catalogue.ts (GET /api/activities).
const activities: Activity[] = [
  {
    code: 'cv-meeting',
    nameDa: 'CV-samtale',
    kind: 'individual',
    defaultDurationMinutes: 60,
    leaderRoles: ['adviser'],
    channels: ['in-person'],
    leaderSkill: null,
    minGroupSize: null,
    maxGroupSize: null,
  },
  {
    code: 'availability-meeting',
    nameDa: 'Rådighedssamtale',
    kind: 'individual',
    defaultDurationMinutes: 45,
    leaderRoles: ['adviser'],
    channels: ['in-person', 'phone', 'video'],
    leaderSkill: null,
    minGroupSize: null,
    maxGroupSize: null,
  },
  {
    code: 'joint-meeting',
    nameDa: '1. fællessamtale',
    kind: 'individual',
    defaultDurationMinutes: 60,
    leaderRoles: ['job-consultant'],
    channels: ['in-person', 'video'],
    leaderSkill: null,
    minGroupSize: null,
    maxGroupSize: null,
  },
  {
    code: 'follow-up',
    nameDa: 'Jobopfølgning',
    kind: 'individual',
    defaultDurationMinutes: 30,
    leaderRoles: ['adviser'],
    channels: ['phone', 'in-person', 'video'],
    leaderSkill: null,
    minGroupSize: null,
    maxGroupSize: null,
  },
  {
    code: 'netcafe',
    nameDa: 'Netcafé – Kom godt i gang med IT',
    kind: 'group',
    defaultDurationMinutes: 120,
    leaderRoles: ['adviser'],
    channels: ['in-person'],
    leaderSkill: null,
    minGroupSize: null,
    maxGroupSize: null,
  },
];
const closures: Closures = {
  officeId: AARHUS,
  year: 2027,
  publicHolidays: [
    { date: '2027-03-25', name: 'Skærtorsdag' },
    { date: '2027-03-26', name: 'Langfredag' },
    { date: '2027-03-28', name: 'Påskedag' },
    { date: '2027-03-29', name: '2. påskedag' },
  ],
  closureDays: [
    { date: '2027-06-05', reason: 'Grundlovsdag' },
    { date: '2027-12-24', reason: 'Juleaftensdag' },
  ],
};

const hourly = (date: string, hours: number[]) =>
  hours.map((h) => ({
    start: `${date}T${String(h - 1).padStart(2, '0')}:00:00.000Z`,
    end: `${date}T${String(h).padStart(2, '0')}:00:00.000Z`,
  }));

/** What the service previews for the form's pattern: Monday 09.00 was published before; Skærtorsdag is skipped. */
function preview(request: SentRequest): PatternPreview {
  const weekdays = (request.body as { pattern: { weekday: number }[] }).pattern.map((p) => p.weekday);
  const slots = [...hourly('2027-03-22', [10, 11]), ...hourly('2027-03-24', [9, 10, 11])];
  return {
    created: slots.length,
    timezone: 'Europe/Copenhagen',
    slots,
    days: [
      { date: '2027-03-22', slots: 2 },
      { date: '2027-03-24', slots: 3 },
    ],
    skipped: [
      { date: '2027-03-22', start: '09:00', reason: 'ALREADY_PUBLISHED' },
      ...(weekdays.includes(4) ? [{ date: '2027-03-25', reason: 'PUBLIC_HOLIDAY: Skærtorsdag' }] : []),
    ],
  };
}

describe('publishing slots from a weekly pattern', () => {
  beforeEach(() => {
    // Monday 15 March 2027: the form starts at next week, 22–28 March.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-15T08:00:00.000Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('previews the pattern as it is edited, then publishes exactly the previewed pattern', async () => {
    const api = stubApi({
      'GET /api/offices': offices,
      'GET /api/staff/:id': staff[0],
      'GET /api/staff': staff,
      'GET /api/activities': activities,
      'GET /api/offices/:id/closures': closures,
      'POST /api/offices/:id/slots/bulk/preview': preview,
      'POST /api/offices/:id/slots/bulk': (request: SentRequest) =>
        reply(201, {
          created: 5,
          slotIds: ['s1', 's2', 's3', 's4', 's5'].map((s) => `f0000000-0000-4000-8000-0000000000${s}`),
          skipped: preview(request).skipped,
        }),
    });
    const { user } = renderApp('/office/publish', { role: 'adviser', subjectId: ADVISER, departmentId: DEPARTMENT });

    await screen.findByRole('heading', { name: 'Udgiv tider', level: 1 });
    expect(await screen.findByTestId('preview-total')).toHaveTextContent('Mønstret giver 5 tider.');
    expect(screen.getByLabelText('Medarbejder')).toHaveValue(ADVISER);
    expect(screen.getByRole('option', { name: /Jonas Berg/ })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /Sara Kjær/ })).not.toBeInTheDocument();
    // Easter is in the range, but no pattern day falls on it yet.
    expect(await screen.findByTestId('closures-in-range')).toHaveTextContent('torsdag den 25. marts 2027: Skærtorsdag');
    expect(screen.getByTestId('closures-in-range')).not.toHaveTextContent('springes over');

    // A third day, Thursday: the holiday in the range will be skipped, and the preview says so.
    await user.click(screen.getByRole('button', { name: 'Tilføj dag' }));
    await user.selectOptions(
      within(screen.getByRole('group', { name: 'Mønster 3' })).getByLabelText('Ugedag'),
      'torsdag',
    );
    expect(screen.getByTestId('closures-in-range')).toHaveTextContent(
      'torsdag den 25. marts 2027: Skærtorsdag – springes over',
    );
    await waitFor(() => expect(document.querySelector('[data-date="2027-03-25"]')).not.toBeNull(), { timeout: 3000 });
    const thursday = document.querySelector<HTMLElement>('[data-date="2027-03-25"]')!;
    expect(thursday).toHaveTextContent('helligdag (Skærtorsdag)');
    expect(document.querySelector('[data-date="2027-03-22"]')).toHaveTextContent('09.00 – allerede udgivet');

    const expectedBody = {
      staffId: ADVISER,
      activityCodes: ['cv-meeting', 'follow-up'],
      channel: 'in-person',
      from: '2027-03-22',
      to: '2027-03-28',
      pattern: [
        { weekday: 1, start: '09:00', end: '12:00', slotMinutes: 60 },
        { weekday: 3, start: '09:00', end: '12:00', slotMinutes: 60 },
        { weekday: 4, start: '09:00', end: '12:00', slotMinutes: 60 },
      ],
    };
    const previews = api.to('POST /api/offices/:id/slots/bulk/preview');
    expect(previews[0].path).toBe(`/api/offices/${AARHUS}/slots/bulk/preview`);
    expect(previews.at(-1)!.body).toEqual(expectedBody);
    // Half a second after the last change: the in-between forms (a Tuesday row) are not previewed.
    expect(previews.map((p) => (p.body as typeof expectedBody).pattern.length)).toEqual([2, 3]);
    expect(api.to('POST /api/offices/:id/slots/bulk')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Udgiv tider' }));

    expect(await screen.findByTestId('publish-result')).toHaveTextContent('5 tider er udgivet.');
    expect(screen.getByTestId('publish-skipped')).toHaveTextContent('22.03.2027: 09.00 – allerede udgivet');
    expect(screen.getByTestId('publish-skipped')).toHaveTextContent('25.03.2027: helligdag (Skærtorsdag)');
    expect(screen.getByRole('link', { name: 'Se ugen' })).toHaveAttribute(
      'href',
      `/office?office=${AARHUS}&week=2027-03-22`,
    );
    const published = api.to('POST /api/offices/:id/slots/bulk');
    expect(published).toHaveLength(1);
    expect(published[0].path).toBe(`/api/offices/${AARHUS}/slots/bulk`);
    expect(published[0].body).toEqual(expectedBody);
    expect(api.unanswered).toEqual([]);
  });
});
