import { toCsv } from '../../src/common/csv/csv.js';
import { addDays } from '../../src/shared/time/index.js';
import { copenhagen } from '../support/booking-factories.js';
import { createEmptyDatabase, createTestApp, type TestApp } from '../support/test-app.js';

const CENTRAL = { role: 'central-coordinator' as const, subjectId: '00000000-0000-4000-8000-0000000000c1' };

/** The plan's two weeks: ISO weeks 50 and 51 of 2026, no public holidays. The history ends the week before. */
const W50 = '2026-12-07';
const W51 = '2026-12-14';
const LAST_HISTORY_WEEK = '2026-11-30';

interface OfficeWeek {
  officeId: string;
  week: string;
  demandHours: number;
  plannedHours: number;
  publishedSlotHours: number;
  publishedSessionHours: number;
  bookedHours: number;
  convertibleHours: number;
  supplyHours: number;
  advisersNeededFte: number;
  advisersAvailableFte: number;
  waitingSeats: number;
  byRole: Record<string, { publishedSlotHours: number; individualDemandHours: number; convertibleHours: number }>;
  activities: {
    activity: string;
    demandHours: number;
    publishedHours: number;
    bookedHours: number;
    plannedHours: number;
  }[];
}

/**
 * A one-office fund on a database of its own (demo data off), with numbers small enough to work out by hand: two
 * advisers, a pre-unemployment adviser and a job consultant; programme shares set through the API; slots, a session
 * and a booking published through the API; an accepted allocation.
 */
describe('capacity plan per office and week: programme shares, published and booked hours, signals', () => {
  let t: TestApp;
  let database: Awaited<ReturnType<typeof createEmptyDatabase>> | undefined;
  let staff: Record<'anne' | 'bo' | 'pia' | 'jens', string>;
  let officeId: string;
  let departmentId: string;
  let roomId: string;

  beforeAll(async () => {
    database = await createEmptyDatabase('plan_office_weeks');
    t = await createTestApp({}, { databaseUrl: database.url, demo: false });
    const organisation = await t.http
      .post('/api/organisation')
      .set(t.auth(CENTRAL))
      .send({
        departments: [{ code: 'nord', name: 'Nordjylland' }],
        offices: [
          {
            code: 'aalborg',
            name: 'Aalborg',
            kind: 'main',
            departmentCode: 'nord',
            town: 'Aalborg',
            municipalityCode: '0851',
            lat: 57.05,
            lon: 9.92,
            street: 'Vesterbro 1',
            postcode: '9000',
            city: 'Aalborg',
            isHeadOffice: true,
            rooms: [{ name: 'Netcafé', seats: 8 }],
            openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '16:00' })),
          },
        ],
        staff: [
          {
            employeeNumber: 'A-1',
            name: 'Anne',
            email: 'anne@akasse.example',
            role: 'adviser',
            officeCode: 'aalborg',
            departmentCode: 'nord',
            skills: ['netcafe'],
            weeklyHours: 37,
          },
          {
            employeeNumber: 'A-2',
            name: 'Bo',
            email: 'bo@akasse.example',
            role: 'adviser',
            officeCode: 'aalborg',
            departmentCode: 'nord',
            skills: [],
            weeklyHours: 30,
          },
          {
            employeeNumber: 'P-1',
            name: 'Pia',
            email: 'pia@akasse.example',
            role: 'pre-unemployment',
            officeCode: 'aalborg',
            departmentCode: 'nord',
            teamCode: 'pre-unemployment',
            skills: ['jobstarter', 'snart-udlaert'],
            weeklyHours: 37,
          },
          {
            employeeNumber: 'J-1',
            name: 'Jens',
            email: 'jens@akasse.example',
            role: 'job-consultant',
            teamCode: 'job-team',
            skills: ['workshop', 'theme-day', 'joint-meeting', 'coaching'],
            weeklyHours: 37,
          },
        ],
      });
    expect(organisation.status).toBe(200);
    const offices = await t.http.get('/api/offices').set(t.auth(CENTRAL));
    officeId = offices.body[0].id;
    departmentId = offices.body[0].departmentId;
    roomId = (await t.http.get(`/api/offices/${officeId}`).set(t.auth(CENTRAL))).body.rooms[0].id;
    const people: { id: string; employeeNumber: string }[] = await t.db.query(
      `SELECT id, employee_number AS "employeeNumber" FROM staff`,
    );
    const id = (number: string) => people.find((p) => p.employeeNumber === number)!.id;
    staff = { anne: id('A-1'), bo: id('A-2'), pia: id('P-1'), jens: id('J-1') };

    // Three years of a small inflow (1–2 new members a week, low-risk), ending the week before the plan.
    const weeks = 156;
    const rows = Array.from({ length: weeks }, (_, i) => [
      'aalborg',
      addDays(LAST_HISTORY_WEEK, -7 * (weeks - 1 - i)),
      'low-risk',
      1 + (i % 2),
    ]);
    const history = await t.http
      .post('/api/capacity/history')
      .set(t.auth(CENTRAL))
      .set('Content-Type', 'text/csv')
      .send(toCsv(['office_code', 'week_start', 'target_group', 'new_members'], rows));
    expect(history.status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  const plan = async () => {
    const response = await t.http.get('/api/capacity/plan').query({ from: W50, weeks: 2 }).set(t.auth(CENTRAL));
    expect(response.status).toBe(200);
    return response.body;
  };
  const weekOf = (body: { officeWeeks: OfficeWeek[] }, monday: string) =>
    body.officeWeeks.find((w) => w.week === (monday === W50 ? '2026-W50' : '2026-W51'))!;

  it('ships role defaults, and lets coordinators set dated shares (audited, history kept, scoped)', async () => {
    const shares = await t.http.get('/api/capacity/programme-shares').query({ on: W50 }).set(t.auth(CENTRAL));
    expect(shares.status).toBe(200);
    expect(shares.body.roles.map((r: { role: string; share: number }) => [r.role, r.share])).toEqual([
      ['adviser', 0.4],
      ['job-consultant', 0.65],
      ['pre-unemployment', 0.25],
    ]);
    expect(shares.body.staff).toHaveLength(4);

    const coordinator = {
      role: 'office-coordinator' as const,
      subjectId: '00000000-0000-4000-8000-0000000000d1',
      departmentId,
    };
    const own = await t.http
      .put(`/api/capacity/staff/${staff.anne}/programme-share`)
      .set(t.auth(coordinator))
      .send({ share: 0.5, validFrom: W50, note: 'Half her time' });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      staffId: staff.anne,
      history: [{ share: 0.5, validFrom: W50, note: 'Half her time' }],
    });
    const before = await t.http
      .get(`/api/capacity/staff/${staff.anne}/programme-share`)
      .query({ on: addDays(W50, -1) })
      .set(t.auth(coordinator));
    expect(before.body).toMatchObject({ share: 0.4, source: 'role' });
    const from = await t.http
      .get(`/api/capacity/staff/${staff.anne}/programme-share`)
      .query({ on: W50 })
      .set(t.auth(coordinator));
    expect(from.body).toMatchObject({ share: 0.5, source: 'person' });
    // The job team belongs to no department: out of an office coordinator's scope.
    const jobTeam = await t.http
      .put(`/api/capacity/staff/${staff.jens}/programme-share`)
      .set(t.auth(coordinator))
      .send({ share: 0.5, validFrom: W50 });
    expect(jobTeam.status).toBe(404);
    const roleByCoordinator = await t.http
      .put('/api/capacity/programme-shares/roles/adviser')
      .set(t.auth(coordinator))
      .send({ share: 0.5, validFrom: W51 });
    expect(roleByCoordinator.status).toBe(403);
    const invalid = await t.http
      .put('/api/capacity/programme-shares/roles/adviser')
      .set(t.auth(CENTRAL))
      .send({ share: 1.5, validFrom: '2026-02-30' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['share', 'validFrom']);
    expect(
      (
        await t.http
          .put('/api/capacity/programme-shares/roles/office-coordinator')
          .set(t.auth(CENTRAL))
          .send({ share: 0.5, validFrom: W51 })
      ).status,
    ).toBe(404);

    // From week 51 every adviser without a value of their own gives half their time.
    const role = await t.http
      .put('/api/capacity/programme-shares/roles/adviser')
      .set(t.auth(CENTRAL))
      .send({ share: 0.5, validFrom: W51 });
    expect(role.status).toBe(200);
    expect(role.body.history.map((h: { share: number; validFrom: string }) => [h.share, h.validFrom])).toEqual([
      [0.4, '2000-01-01'],
      [0.5, W51],
    ]);
    const audit: { action: string; entity: string }[] = await t.db.query(
      `SELECT action, entity FROM audit_event WHERE entity = 'programme-share' ORDER BY at`,
    );
    expect(audit).toEqual([
      { action: 'set', entity: 'programme-share' },
      { action: 'set', entity: 'programme-share' },
    ]);
    const bo = await t.http
      .get(`/api/capacity/staff/${staff.bo}/programme-share`)
      .query({ on: W51 })
      .set(t.auth(coordinator));
    expect(bo.body).toMatchObject({ share: 0.5, source: 'role', history: [] });
  });

  it('counts supply as working hours times the share in force each day', async () => {
    const body = await plan();
    // Week 50: Anne 37 × 0.5 + Bo 30 × 0.4 + Pia 37 × 0.25 = 18.5 + 12 + 9.25. Week 51: Bo 30 × 0.5 = 15.
    expect(weekOf(body, W50).supplyHours).toBe(39.75);
    expect(weekOf(body, W51).supplyHours).toBe(42.75);
    // Advisers present in FTE at the default share: (18.5 + 12) / (37 × 0.4) and (18.5 + 15) / (37 × 0.5).
    expect(weekOf(body, W50).advisersAvailableFte).toBe(2.06);
    expect(weekOf(body, W51).advisersAvailableFte).toBe(1.81);
    // The plan's total counts each person once: the office's staff plus the job team's 37 × 0.65 a week.
    expect(body.summary.supplyHours).toBeCloseTo(39.75 + 42.75 + 2 * 24.05, 1);
  });

  it('shows demand, planned, published, booked and convertible hours side by side, with the signals', async () => {
    const slot = (staffId: string, day: string, start: string, end: string, activityCodes: string[]) =>
      t.http
        .post(`/api/offices/${officeId}/slots`)
        .set(t.auth(CENTRAL))
        .send({
          staffId,
          activityCodes,
          channel: 'in-person',
          start: copenhagen(day, start),
          end: copenhagen(day, end),
        });
    const cv = [
      await slot(staff.anne, W50, '09:00', '10:00', ['cv-meeting']),
      await slot(staff.anne, W50, '10:00', '11:00', ['cv-meeting']),
      await slot(staff.anne, W50, '11:00', '12:00', ['cv-meeting']),
    ];
    expect(cv.map((r) => r.status)).toEqual([201, 201, 201]);
    expect((await slot(staff.anne, W50, '13:00', '13:30', ['follow-up'])).status).toBe(201);
    // Week 51: Bo publishes 12 hours of follow-up meetings, far beyond the office's adviser demand.
    for (const [day, start, end] of [
      [addDays(W51, 2), '08:00', '14:00'],
      [addDays(W51, 3), '08:00', '14:00'],
    ] as const) {
      expect((await slot(staff.bo, day, start, end, ['follow-up'])).status).toBe(201);
    }
    const session = await t.http
      .post(`/api/offices/${officeId}/sessions`)
      .set(t.auth(CENTRAL))
      .send({
        activityCode: 'netcafe',
        roomId,
        leaderIds: [staff.anne],
        start: copenhagen(addDays(W50, 1), '13:00'),
      });
    expect(session.status).toBe(201);
    // A member in programme week 2 during week 50 books one CV meeting.
    const member = await t.http.post('/api/members').set(t.auth(CENTRAL)).send({
      memberNumber: 'T-plan-1',
      name: 'Testmedlem',
      municipalityCode: '0851',
      homeOfficeId: officeId,
      firstUnemploymentDay: '2026-11-30',
      targetGroup: 'low-risk',
      basicItNeeds: false,
    });
    expect(member.status).toBe(201);
    const programme = await t.http.get(`/api/members/${member.body.id}/programme`).set(t.auth(CENTRAL));
    const item = programme.body.items.find((i: { activityCode: string }) => i.activityCode === 'cv-meeting');
    const booking = await t.http
      .post('/api/bookings')
      .set(t.auth(CENTRAL))
      .send({ memberId: member.body.id, programmeItemId: item.id, slotId: cv[0].body.id });
    expect(booking.status).toBe(201);
    // An accepted allocation plans 4 hours of CV meetings for Anne in week 50.
    const [allocation] = await t.db.query(
      `INSERT INTO capacity_allocation (params, params_key, period, status, job_id, accepted_at)
       VALUES ('{}', 'test', daterange($1, $2), 'done', 'test', now()) RETURNING id`,
      [W50, addDays(W51, 7)],
    );
    await t.db.query(
      `INSERT INTO capacity_allocation_assignment (allocation_id, staff_id, office_id, week_start, activity_code, hours) VALUES ($1, $2, $3, $4, 'cv-meeting', 4)`,
      [allocation.id, staff.anne, officeId, W50],
    );

    const body = await plan();
    const w50 = weekOf(body, W50);
    const w51 = weekOf(body, W51);
    // Each office is named once, in `offices`; office weeks, rows, signals and the backlog refer to it by id.
    expect(body.offices).toEqual([
      { id: officeId, code: 'aalborg', name: 'Aalborg', departmentId: expect.any(String) },
    ]);
    expect(body.weekStarts).toEqual([W50, W51]);
    expect(w50).toMatchObject({
      officeId,
      plannedHours: 4,
      publishedSlotHours: 3.5,
      publishedSessionHours: 2,
      bookedHours: 1,
      convertibleHours: 2.5,
    });
    expect(w50.byRole.adviser).toMatchObject({ publishedSlotHours: 3.5, convertibleHours: 2.5 });
    expect(w51).toMatchObject({
      plannedHours: 0,
      publishedSlotHours: 12,
      publishedSessionHours: 0,
      bookedHours: 0,
      convertibleHours: 12,
    });
    const cvWeek = w50.activities.find((a) => a.activity === 'cv-meeting')!;
    expect(cvWeek).toMatchObject({ plannedHours: 4, publishedHours: 3, bookedHours: 1 });
    // The office's demand is the sum of its plan rows (job-team rows included).
    for (const week of [w50, w51]) {
      const rows = body.rows.filter((r: { week: string }) => r.week === week.week);
      expect(week.demandHours).toBeCloseTo(
        rows.reduce((s: number, r: { demandHours: number }) => s + r.demandHours, 0),
        1,
      );
    }
    expect(body.summary).toMatchObject({
      plannedHours: 4,
      publishedSlotHours: 15.5,
      publishedSessionHours: 2,
      bookedHours: 1,
      convertibleHours: 14.5,
    });

    // Signals: CV meetings short of demand by more than an hour, rounded up; week 51's follow-up slots beyond demand.
    const publishMore = body.signals.filter((s: { kind: string }) => s.kind === 'publish-more');
    const cvSignal = publishMore.find(
      (s: { activity: string; week: string }) => s.activity === 'cv-meeting' && s.week === '2026-W50',
    );
    if (cvWeek.demandHours - 3 >= 1) {
      expect(cvSignal).toMatchObject({ hours: Math.ceil(cvWeek.demandHours - 3), officeId });
      expect(cvSignal.message).toBe(
        `Publish ${cvSignal.hours} more CV-samtale ${cvSignal.hours === 1 ? 'hour' : 'hours'} in Aalborg in week 50.`,
      );
    } else {
      expect(cvSignal).toBeUndefined();
    }
    const adviserDemand51 = w51.byRole.adviser.individualDemandHours;
    expect(adviserDemand51).toBeLessThanOrEqual(6);
    expect(body.signals).toContainEqual(
      expect.objectContaining({
        kind: 'published-beyond-demand',
        week: '2026-W51',
        role: 'adviser',
        hours: Math.round((12 - adviserDemand51) * 100) / 100,
        convertibleHours: 12,
      }),
    );
    const needed = w51.advisersNeededFte;
    const roleOf = new Map((body.activities as { activity: string; role: string }[]).map((a) => [a.activity, a.role]));
    expect(needed).toBeCloseTo(
      body.rows
        .filter(
          (r: { week: string; activity: string }) => r.week === '2026-W51' && roleOf.get(r.activity) === 'adviser',
        )
        .reduce((s: number, r: { demandHours: number }) => s + r.demandHours, 0) / 18.5,
      1,
    );
  });

  it('adds the demand outside the templates, leaves out items already done, and shows the group backlog', async () => {
    const weekRows = (
      body: { rows: { week: string; activity: string; demandHours: number; participants: number }[] },
      activity: string,
    ) => ['2026-W50', '2026-W51'].map((week) => body.rows.find((r) => r.week === week && r.activity === activity));
    const createMember = async (number: string, firstUnemploymentDay: string, targetGroup = 'low-risk') => {
      const response = await t.http.post('/api/members').set(t.auth(CENTRAL)).send({
        memberNumber: number,
        name: 'Testmedlem',
        municipalityCode: '0851',
        homeOfficeId: officeId,
        firstUnemploymentDay,
        targetGroup,
        basicItNeeds: false,
      });
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    const before = await plan();
    // JobStarter: the fund's 260 a year, 5 a week, all at the only office, 2 hours each. SnartUdlært: 130 a year, 1 hour.
    expect(weekRows(before, 'jobstarter').map((r) => [r!.participants, r!.demandHours])).toEqual([
      [5, 10],
      [5, 10],
    ]);
    expect(weekRows(before, 'snart-udlaert').map((r) => [r!.participants, r!.demandHours])).toEqual([
      [2.5, 2.5],
      [2.5, 2.5],
    ]);
    expect(weekRows(before, 'summons')).toEqual([undefined, undefined]);

    // Two red smileys in the last 13 weeks: 2 / 13 summonses a week, 45 minutes each.
    for (const number of ['T-red-1', 'T-red-2']) {
      const id = await createMember(number, '2026-11-30');
      expect((await t.http.put(`/api/members/${id}/smiley`).set(t.auth(CENTRAL)).send({ smiley: 'red' })).status).toBe(
        200,
      );
    }
    const red = await plan();
    expect(weekRows(red, 'summons').map((r) => [r!.participants, r!.demandHours])).toEqual([
      [0.154, 0.12],
      [0.154, 0.12],
    ]);

    // The intensive course: a member in programme week 18 on the last history Monday has a follow-up every 4 weeks
    // (weekly exit hazard 1/26): (25/26) / 4 in week 50, (25/26)² / 4 in week 51.
    await createMember('T-intensive', '2026-08-03');
    const intensive = await plan();
    const followUp = (body: typeof before) => weekRows(body, 'follow-up').map((r) => r?.participants ?? 0);
    expect(followUp(intensive)[0] - followUp(red)[0]).toBeCloseTo(25 / 26 / 4, 2);
    expect(followUp(intensive)[1] - followUp(red)[1]).toBeCloseTo((25 / 26) ** 2 / 4, 2);

    // Items already done: a member in programme week 2 reaches the follow-up window (weeks 4–13, 1/10 a week) in
    // week 51; once the item is waived, (25/26)² / 10 of a follow-up less.
    const early = await createMember('T-done', '2026-11-23');
    const open = await plan();
    await t.db.query(
      `UPDATE programme_item SET status = 'waived' WHERE member_id = $1 AND activity_code = 'follow-up'`,
      [early],
    );
    const waived = await plan();
    expect(followUp(open)[1] - followUp(waived)[1]).toBeCloseTo((25 / 26) ** 2 / 10, 2);
    expect(followUp(open)[0]).toBeCloseTo(followUp(waived)[0], 3);

    // The backlog: one +50 member in programme week 6 needs the theme day "I job igen" (weeks 7–8, half a seat a week);
    // a session needs 8, so every seat waits: 0.481 + 0.462 at the end of week 51.
    await createMember('T-theme', '2026-10-26', 'plus50');
    const theme = await plan();
    expect(theme.backlog).toEqual([
      {
        officeId,
        activity: 'theme-i-job-igen',
        participants: 0.94,
        sessions: 0,
        waitingSeats: 0.94,
      },
    ]);
    expect(theme.summary.waitingSeats).toBe(0.94);
    expect(weekOf(theme, W51).waitingSeats).toBeCloseTo(0.943, 2);
  });
});
