import {
  CENTRAL,
  createMembers,
  mainOffice,
  type CreatedMember,
  type MainOffice,
} from '../support/booking-factories.js';
import { TestSmtpServer, waitFor } from '../support/message-servers.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface RunView {
  id: string;
  status: string;
  summary: {
    placed: number;
    unplaced: number;
    sessionsOpened: number;
    withdrawal?: { slots: number; hours: number; sessions: number; membersPlaced: number };
  } | null;
}

interface ProposalView {
  newSessions: {
    key: string;
    start: string;
    end: string;
    leaders: { staffId: string }[];
    withdrawnSlotIds: string[];
    members: { memberId: string }[];
  }[];
}

// Netcafé windows of members whose first day is 2027-08-23: 2027-09-06 (Monday) to 2027-09-13, after the demo's eight weeks of slots
// and away from the weeks other test files plan in (the suite shares one database; their sessions would hold these advisers).
const FIRST_DAY = '2027-08-23';
const SCOPE = { from: '2027-09-06', to: '2027-09-10', activityTypes: ['netcafe'] };
const WEEK = ['2027-09-06', '2027-09-07', '2027-09-08', '2027-09-09', '2027-09-10'];

describe('optimiser: withdrawing unbooked slots for group sessions', () => {
  let t: TestApp;
  let office: MainOffice;
  let advisers: string[];
  let fillers: CreatedMember[];
  let members: CreatedMember[];
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    t = await createTestApp({ RUN_WORKERS: 'true', SMTP_URL: await smtp.start() });
    office = await mainOffice(t, 'Odense');
    // Every adviser who may lead a netcafé at the department's offices: each hour of the week is a published slot.
    advisers = (
      (await t.db.query(
        `SELECT s.id FROM staff s LEFT JOIN office o ON o.id = s.office_id
         WHERE s.active AND s.role = 'adviser' AND COALESCE(s.department_id, o.department_id) = $1 ORDER BY s.id`,
        [office.departmentId],
      )) as { id: string }[]
    ).map((r) => r.id);
    expect(advisers.length).toBeGreaterThan(0);
    await t.db.query(
      `INSERT INTO slot (office_id, staff_id, activity_codes, channel, during)
       SELECT COALESCE(s.office_id, $2), s.id, ARRAY['cv-meeting'], 'in-person',
              tstzrange((d::date + make_interval(hours => h))::timestamp AT TIME ZONE 'Europe/Copenhagen',
                        (d::date + make_interval(hours => h + 1))::timestamp AT TIME ZONE 'Europe/Copenhagen', '[)')
       FROM staff s, unnest($3::text[]) AS d, generate_series(7, 17) AS h WHERE s.id = ANY($1::uuid[])`,
      [advisers, office.id, WEEK],
    );
    // The hours a netcafé would start in (09:00, 13:00) are booked Monday to Wednesday, and 09:00 on Thursday: one filler member per adviser and day, one item per booking.
    fillers = await createMembers(t, office, advisers.length * 4, { firstUnemploymentDay: FIRST_DAY });
    const bookings = advisers.flatMap((staffId, a) =>
      WEEK.slice(0, 4).flatMap((day, d) =>
        (d === 3 ? [9] : [9, 13]).map((hour, k) => ({
          staff_id: staffId,
          day,
          hour,
          member_id: fillers[a * 4 + d].id,
          item_id: fillers[a * 4 + d].items[k].id,
          activity: fillers[a * 4 + d].items[k].activityCode,
        })),
      ),
    );
    await t.db.query(
      `INSERT INTO booking (member_id, programme_item_id, slot_id, office_id, activity_code, channel, during, booked_by_role)
       SELECT f.member_id, f.item_id, s.id, s.office_id, f.activity, 'in-person', s.during, 'office'
       FROM jsonb_to_recordset($1::jsonb) AS f(staff_id uuid, day date, hour int, member_id uuid, item_id uuid, activity text)
       JOIN slot s ON s.staff_id = f.staff_id AND lower(s.during) = (f.day + make_interval(hours => f.hour))::timestamp AT TIME ZONE 'Europe/Copenhagen'`,
      [JSON.stringify(bookings)],
    );
    const [{ count }] = (await t.db.query(
      `SELECT count(*)::int AS count FROM booking b JOIN slot s ON s.id = b.slot_id
       WHERE b.booked_by_role = 'office' AND b.during && tstzrange('2027-09-06', '2027-09-13') AND s.staff_id = ANY($1::uuid[])`,
      [advisers],
    )) as { count: number }[];
    expect(count).toBe(bookings.length);
    members = await createMembers(t, office, 8, {
      firstUnemploymentDay: FIRST_DAY,
      targetGroup: 'it',
      basicItNeeds: true,
    });
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const run = async (body: Record<string, unknown>): Promise<RunView> => {
    const queued = await t.http
      .post('/api/optimiser/runs')
      .set(t.auth(CENTRAL))
      .send({ ...SCOPE, departmentIds: [office.departmentId], ...body });
    expect(queued.status).toBe(202);
    return waitFor(
      async () => {
        const view: RunView = (await t.http.get(`/api/optimiser/runs/${queued.body.id}`).set(t.auth(CENTRAL))).body;
        return ['done', 'failed', 'cancelled'].includes(view.status) ? view : undefined;
      },
      60_000,
      'the run',
    );
  };
  const proposalOf = async (id: string): Promise<ProposalView> =>
    (await t.http.get(`/api/optimiser/runs/${id}/proposal`).set(t.auth(CENTRAL))).body;
  const ours = (p: ProposalView) =>
    p.newSessions.filter((s) => s.members.some((m) => members.some((x) => x.id === m.memberId)));

  it('validates withdrawSlots as a boolean', async () => {
    const bad = await t.http
      .post('/api/optimiser/runs')
      .set(t.auth(CENTRAL))
      .send({ ...SCOPE, withdrawSlots: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toContain('withdrawSlots');
  });

  it('without withdrawals no adviser is free; with them sessions open where the slots are unbooked (Thursday 13:00, Friday 09:00), and apply races a booking', async () => {
    const kept = await run({ withdrawSlots: false });
    expect(kept.status).toBe('done');
    expect(ours(await proposalOf(kept.id))).toEqual([]);

    const done = await run({});
    expect(done.status).toBe('done');
    const proposal = await proposalOf(done.id);
    const sessions = ours(proposal);
    expect(sessions.flatMap((s) => s.members).length).toBe(8);
    expect(sessions.length).toBe(2);
    expect(done.summary?.withdrawal).toMatchObject({ sessions: 2, slots: 4, hours: 4, membersPlaced: 8 });
    // Only times whose every overlapping slot is unbooked are given up; a booked slot's time never is.
    expect(sessions.map((s) => s.start).sort()).toEqual(['2027-09-09T11:00:00.000Z', '2027-09-10T07:00:00.000Z']);
    for (const session of sessions) expect(session.withdrawnSlotIds).toHaveLength(2);
    const withdrawn = sessions.flatMap((s) => s.withdrawnSlotIds);
    const booked: { id: string }[] = await t.db.query(
      `SELECT slot_id AS id FROM booking WHERE slot_id = ANY($1::uuid[]) AND status <> 'cancelled'`,
      [withdrawn],
    );
    expect(booked).toEqual([]);

    // Someone books one slot of the first session before apply: that session is left out, the other applies.
    const [raced, other] = sessions;
    const filler = fillers[0];
    await t.db.query(
      `INSERT INTO booking (member_id, programme_item_id, slot_id, office_id, activity_code, channel, during, booked_by_role)
       SELECT $1, $2, s.id, s.office_id, $4, 'in-person', s.during, 'office' FROM slot s WHERE s.id = $3`,
      [filler.id, filler.items[2].id, raced.withdrawnSlotIds[0], filler.items[2].activityCode],
    );
    const applied = await t.http.post(`/api/optimiser/runs/${done.id}/apply`).set(t.auth(CENTRAL));
    expect(applied.status).toBe(200);
    const report = applied.body.report as {
      sessionsCreated: { key: string }[];
      sessionsNotCreated: { key: string; reason: string }[];
      slotsWithdrawn: { slotId: string; sessionKey: string }[];
    };
    expect(report.sessionsNotCreated).toEqual([{ key: raced.key, reason: 'SLOT_TAKEN' }]);
    expect(report.sessionsCreated.map((s) => s.key)).toEqual([other.key]);
    expect(report.slotsWithdrawn.map((s) => s.slotId).sort()).toEqual([...other.withdrawnSlotIds].sort());
    const statuses: { id: string; status: string }[] = await t.db.query(
      `SELECT id, status FROM slot WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [withdrawn],
    );
    const expected = new Map(withdrawn.map((id) => [id, other.withdrawnSlotIds.includes(id) ? 'cancelled' : 'open']));
    expect(statuses.map((s) => [s.id, s.status])).toEqual([...expected].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    const raceBooking: { status: string }[] = await t.db.query(`SELECT status FROM booking WHERE slot_id = $1`, [
      raced.withdrawnSlotIds[0],
    ]);
    expect(raceBooking).toEqual([{ status: 'booked' }]);
    const audit: { action: string }[] = await t.db.query(
      `SELECT action FROM audit_event WHERE entity = 'slot' AND entity_id = ANY($1::uuid[])`,
      [other.withdrawnSlotIds],
    );
    expect(audit.map((a) => a.action)).toEqual(other.withdrawnSlotIds.map(() => 'withdraw'));

    // Each staff member whose slots went, and the department's office coordinators, get one e-mail for the apply
    // listing the withdrawn times and the session that took them; the raced session's slots (still open) are in none.
    const sessionId = (applied.body.report.sessionsCreated as { key: string; sessionId: string }[])[0].sessionId;
    const owners: { slotId: string; staffId: string; email: string }[] = await t.db.query(
      `SELECT s.id AS "slotId", s.staff_id AS "staffId", st.email FROM slot s JOIN staff st ON st.id = s.staff_id WHERE s.id = ANY($1::uuid[])`,
      [other.withdrawnSlotIds],
    );
    const coordinators: { id: string; email: string }[] = await t.db.query(
      `SELECT id, email FROM staff WHERE role = 'office-coordinator' AND active AND department_id = $1`,
      [office.departmentId],
    );
    expect(coordinators.length).toBeGreaterThan(0);
    const told: {
      staffId: string;
      channel: string;
      event: string;
      payload: {
        runId: string;
        withdrawals: { slotId: string; staffId: string; sessionId: string; start: string; sessionStart: string }[];
      };
    }[] = await t.db.query(
      `SELECT staff_id AS "staffId", channel, event, payload FROM message WHERE event_key = $1 ORDER BY staff_id`,
      [`slots-withdrawn:${done.id}`],
    );
    const expectedSlots = new Map<string, string[]>();
    for (const o of owners) expectedSlots.set(o.staffId, [...(expectedSlots.get(o.staffId) ?? []), o.slotId]);
    for (const c of coordinators) expectedSlots.set(c.id, [...other.withdrawnSlotIds]);
    expect(told.map((m) => m.staffId).sort()).toEqual([...expectedSlots.keys()].sort());
    for (const message of told) {
      expect([message.event, message.channel, message.payload.runId]).toEqual(['slots-withdrawn', 'email', done.id]);
      expect(message.payload.withdrawals.map((w) => w.slotId).sort()).toEqual(
        expectedSlots.get(message.staffId)!.sort(),
      );
      expect(
        message.payload.withdrawals.every(
          (w) => w.sessionId === sessionId && Date.parse(w.sessionStart) === Date.parse(other.start),
        ),
      ).toBe(true);
    }
    const [owner] = owners;
    const [mail] = await waitFor(
      async () => {
        const mails = smtp.to(owner.email).filter((m) => m.parsed.subject?.startsWith('Ledige tider'));
        return mails.length > 0 ? mails : undefined;
      },
      30_000,
      "the leader's e-mail",
    );
    const wall = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Copenhagen',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(iso));
    const ownSlot = (await t.db.query(`SELECT lower(during) AS start FROM slot WHERE id = $1`, [owner.slotId]))[0] as {
      start: Date;
    };
    expect(mail.parsed.text).toContain(`kl. ${wall(ownSlot.start.toISOString())}`);
    expect(mail.parsed.text).toMatch(
      new RegExp(`Erstattet af Netcafé[^\\n]* kl\\. ${wall(other.start)}–${wall(other.end)}, `),
    );

    // Applying again returns the first report and tells no one twice.
    const again = await t.http.post(`/api/optimiser/runs/${done.id}/apply`).set(t.auth(CENTRAL));
    expect([again.status, again.body.alreadyApplied]).toEqual([200, true]);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM message WHERE event_key = $1`, [
      `slots-withdrawn:${done.id}`,
    ]);
    expect(count).toBe(told.length);
  }, 180_000);

  it("counts the unbooked slots of staff who can lead as the plan's group-convertible hours", async () => {
    const plan = await t.http
      .get('/api/capacity/plan')
      .query({ from: '2027-09-06', weeks: 1, departmentId: office.departmentId })
      .set(t.auth(CENTRAL));
    expect(plan.status).toBe(200);
    const [{ hours }] = (await t.db.query(
      `SELECT count(*)::int AS hours FROM slot s
       WHERE s.staff_id = ANY($1::uuid[]) AND s.status = 'open' AND s.during && tstzrange('2027-09-06', '2027-09-13') AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.slot_id = s.id AND b.status <> 'cancelled')`,
      [advisers],
    )) as { hours: number }[];
    // 11 hourly slots a day, 5 days, per adviser, less the 7 booked per adviser, the one booked in the race and the 2 withdrawn.
    expect(hours).toBe(advisers.length * (55 - 7) - 1 - 2);
    const weeks = plan.body.officeWeeks as { week: string; groupConvertibleHours: number }[];
    expect(weeks.filter((w) => w.week === '2027-W36').reduce((sum, w) => sum + w.groupConvertibleHours, 0)).toBe(hours);
    expect(plan.body.summary.groupConvertibleHours).toBe(hours);
    expect(plan.body.summary.groupConvertibleNote).toContain(`${hours} h of unbooked published slots`);
  }, 60_000);
});
