import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Schema } from '../src/api/client';
import { reply, stubApi, type SentRequest } from './support/api-stub';
import { renderApp } from './support/render-app';

type Activity = Schema<'ActivityDto'>;

// Shapes as src/optimiser answers them: the run view (optimiser.service.ts view), the proposal
// (optimiser.service.ts proposal), the unplaced page and the run list (optimiser-history), the apply answer
// (optimiser-apply.service.ts ApplyReport).
const COORDINATOR = 'a0000000-0000-4000-8000-0000000000c1';
const RUN = '9d8c7b6a-5f4e-4d3c-8b2a-190817263544';
const AARHUS = '0b9e6f1c-2d3a-4b5c-8d7e-6f5a4b3c2d1e';
const SESSION = '5e551011-0000-4000-8000-000000000001';
const params = {
  from: '2027-03-08',
  to: '2027-03-21',
  activityTypes: ['netcafe'],
  departmentIds: null,
  maxTravelKm: 60,
  timeLimitSeconds: null,
  withdrawSlots: true,
};

const departments = [
  { id: 'd0000000-0000-4000-8000-000000000008', code: 'OJY', name: 'Østjylland', officeCount: 3 },
  { id: 'd0000000-0000-4000-8000-000000000009', code: 'NJY', name: 'Nordjylland', officeCount: 2 },
];
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
  {
    code: 'workshop-skriv',
    nameDa: 'Workshop: Skriv dig i job',
    kind: 'group',
    defaultDurationMinutes: 180,
    leaderRoles: ['job-consultant'],
    channels: ['in-person'],
    leaderSkill: null,
    minGroupSize: null,
    maxGroupSize: null,
  },
];

const run = (status: string, progress: number, appliedAt: string | null = null) => ({
  id: RUN,
  status,
  params,
  origin: 'api',
  progress,
  attempts: status === 'queued' ? 0 : 1,
  cancelRequested: false,
  summary: status === 'done' ? { items: 4, placed: 3, unplaced: 1, sessionsOpened: 1 } : null,
  error: null,
  createdAt: '2027-03-01T09:30:00.000Z',
  startedAt: status === 'queued' ? null : '2027-03-01T09:30:01.000Z',
  finishedAt: status === 'done' ? '2027-03-01T09:30:04.000Z' : null,
  appliedAt,
  applyReport: null,
});

const member = (n: number) => ({
  memberId: `7a1d2c3e-0000-4000-8000-00000000000${n}`,
  memberNumber: `10043${n}`,
  programmeItemId: `c4f1a2b3-0000-4000-8000-00000000010${n}`,
});

const proposal = (appliedAt: string | null) => ({
  runId: RUN,
  status: 'done',
  appliedAt,
  summary: {
    items: 4,
    placed: 3,
    unplaced: 1,
    sessionsOpened: 1,
    seatsInExistingSessions: 0,
    upperBound: 3,
    gap: 0,
    status: 'optimal',
    withdrawal: { slots: 2, hours: 2, sessions: 1, membersPlaced: 3 },
  },
  newSessions: [
    {
      key: 'netcafe|' + AARHUS + '|2027-03-10T08:00',
      activityCode: 'netcafe',
      activityName: 'Netcafé – Kom godt i gang med IT',
      office: { id: AARHUS, code: 'AAR', name: 'Aarhus' },
      room: { id: 'r0000000-0000-4000-8000-000000000001', name: 'Mødelokale 2', seats: 8 },
      start: '2027-03-10T08:00:00.000Z',
      end: '2027-03-10T10:00:00.000Z',
      withdrawnSlotIds: ['e1a2b3c4-0000-4000-8000-00000000b001', 'e1a2b3c4-0000-4000-8000-00000000b002'],
      leaders: [{ staffId: 'a0000000-0000-4000-8000-0000000000a1', name: 'Lene Holm', role: 'adviser' }],
      members: [member(1), member(2), member(3)],
    },
  ],
  seatsInExistingSessions: [],
  unplaced: [{ ...member(4), activityCode: 'netcafe', reason: 'TOO_FEW_NEARBY', hint: null }],
  activities: [],
});

const unplaced = {
  total: 1,
  limit: 25,
  offset: 0,
  items: [
    {
      programmeItemId: member(4).programmeItemId,
      memberNumber: '100434',
      homeOfficeName: 'Thisted',
      activityCode: 'netcafe',
      activityName: 'Netcafé – Kom godt i gang med IT',
      reason: 'TOO_FEW_NEARBY',
      hint: null,
    },
  ],
};

const applyAnswer = {
  alreadyApplied: false,
  appliedAt: '2027-03-01T09:31:00.000Z',
  report: {
    sessionsCreated: [{ key: proposal(null).newSessions[0].key, sessionId: SESSION, bookings: 3 }],
    sessionsNotCreated: [],
    seatsBooked: [1, 2, 3].map((n) => ({
      sessionId: SESSION,
      memberId: member(n).memberId,
      programmeItemId: member(n).programmeItemId,
      bookingId: `b0000000-0000-4000-8000-00000000020${n}`,
    })),
    leftOut: [],
    slotsWithdrawn: [
      { slotId: 'e1a2b3c4-0000-4000-8000-00000000b001', sessionKey: proposal(null).newSessions[0].key },
      { slotId: 'e1a2b3c4-0000-4000-8000-00000000b002', sessionKey: proposal(null).newSessions[0].key },
    ],
  },
};

describe('optimiser: run, proposal, apply', () => {
  beforeEach(() => {
    // Monday 1 March 2027: the period starts next Monday, 8 March.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-03-01T09:30:00.000Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('starts a run for the chosen scope, shows its proposal, applies it and reports what was done', async () => {
    let started = false;
    let statusCalls = 0;
    let appliedAt: string | null = null;
    const api = stubApi({
      'GET /api/departments': departments,
      'GET /api/activities': activities,
      'GET /api/optimiser/runs': () => ({
        total: started ? 1 : 0,
        runs: started
          ? [
              {
                ...run(appliedAt ? 'done' : 'done', 1, appliedAt),
                result: { items: 4, placed: 3, unplaced: 1, sessionsOpened: 1 },
                applied: appliedAt ? { sessionsCreated: 1, sessionsNotCreated: 0, bookings: 3 } : null,
              },
            ]
          : [],
      }),
      'POST /api/optimiser/runs': () => {
        started = true;
        return reply(202, run('queued', 0));
      },
      // The first poll finds it running, the next done.
      'GET /api/optimiser/runs/:id': () => (++statusCalls === 1 ? run('running', 0.4) : run('done', 1, appliedAt)),
      'GET /api/optimiser/runs/:id/proposal': () => proposal(appliedAt),
      'GET /api/optimiser/runs/:id/unplaced': unplaced,
      'POST /api/optimiser/runs/:id/apply': () => {
        appliedAt = applyAnswer.appliedAt;
        return applyAnswer;
      },
    });
    const { user } = renderApp('/coordinator/optimiser', { role: 'central-coordinator', subjectId: COORDINATOR });

    await screen.findByRole('heading', { name: 'Optimering af hold', level: 1 });
    expect(await screen.findByText('Ingen kørsler endnu.', { exact: false })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Antal uger'), '2');
    expect(screen.getByTestId('optimiser-period')).toHaveTextContent('Periode: 08.03.2027 til 21.03.2027');
    await user.click(
      await within(screen.getByTestId('optimiser-activities')).findByRole('checkbox', {
        name: 'Netcafé – Kom godt i gang med IT',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Start optimering' }));

    await waitFor(() => expect(screen.getByTestId('optimiser-status')).toHaveTextContent('Status: Kører (40 %)'));
    await waitFor(() => expect(screen.getByTestId('optimiser-status')).toHaveTextContent('Status: Færdig'), {
      timeout: 5000,
    });
    const sessions = await screen.findByTestId('proposal-sessions');
    const row = within(sessions).getAllByRole('row')[1];
    expect(row).toHaveTextContent('Netcafé – Kom godt i gang med IT');
    expect(row).toHaveTextContent('Aarhus, Mødelokale 2');
    expect(row).toHaveTextContent('Lene Holm');
    expect(row).toHaveTextContent('3: 100431, 100432, 100433');
    expect(screen.getByTestId('optimiser-withdrawn')).toHaveTextContent(
      '2 tider trukket tilbage (2 t), 3 flere placeret',
    );
    expect(await screen.findByTestId('proposal-unplaced')).toHaveTextContent('100434');
    expect(screen.getByTestId('proposal-unplaced')).toHaveTextContent('for få deltagere i nærheden');

    await user.click(screen.getByRole('button', { name: 'Gennemfør forslaget' }));
    const dialog = screen.getByRole('dialog', { name: 'Gennemfør forslaget?' });
    expect(dialog).toHaveTextContent('Der oprettes 1 nye hold, og 3 medlemmer bliver booket.');
    await user.click(within(dialog).getByRole('button', { name: 'Gennemfør forslaget' }));

    expect(await screen.findByText('Forslaget er gennemført.')).toBeInTheDocument();
    expect(screen.getByTestId('optimiser-applied-report')).toHaveTextContent(
      '1 hold oprettet, 3 bookinger lavet, 0 hold kunne ikke oprettes (data var ændret).',
    );
    expect(screen.getByTestId('optimiser-applied-withdrawn')).toHaveTextContent(
      '2 ledige tider er trukket tilbage, så lederne kan holde de nye hold.',
    );
    expect(screen.queryByRole('button', { name: 'Gennemfør forslaget' })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('run-applied')).toHaveTextContent('Gennemført: 1 hold, 3 bookinger'));

    const starts = api.to('POST /api/optimiser/runs');
    expect(starts).toHaveLength(1);
    expect(starts[0].body).toEqual({
      from: '2027-03-08',
      to: '2027-03-21',
      maxTravelKm: 60,
      withdrawSlots: true,
      activityTypes: ['netcafe'],
    });
    expect(
      api.to('GET /api/optimiser/runs/:id').every((r: SentRequest) => r.path === `/api/optimiser/runs/${RUN}`),
    ).toBe(true);
    expect(api.to('GET /api/optimiser/runs/:id/unplaced')[0].query).toEqual({ limit: '25', offset: '0' });
    const applies = api.to('POST /api/optimiser/runs/:id/apply');
    expect(applies).toHaveLength(1);
    expect(applies[0].path).toBe(`/api/optimiser/runs/${RUN}/apply`);
    expect(applies[0].body).toBeUndefined();
    expect(api.unanswered).toEqual([]);
  });
});
