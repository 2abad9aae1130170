import pg from 'pg';
import { CENTRAL, mainOffice, type MainOffice } from '../support/booking-factories.js';
import { hoursFromNow, RaceFactories, type RaceMember } from '../support/race-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { readTestEnvironment } from '../support/test-environment.js';

const SESSIONS = 4;
const SEATS = 30;
const WAITING = 8;
const ROUNDS = 3;
/** Requests in flight at once: many, yet below the app's pool, so waiting for a connection is not what is measured. */
const PARALLEL = 32;

/** Runs the tasks with at most `limit` in flight, keeping their order in the result. */
async function inParallel<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const k = next++;
      results[k] = await tasks[k]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return results;
}

interface Answer {
  status: number;
  body: { code?: string; id?: string };
}

const summary = (answers: Answer[]) => {
  const counts = new Map<string, number>();
  for (const a of answers)
    counts.set(
      `${a.status} ${a.body.code ?? ''}`.trim(),
      (counts.get(`${a.status} ${a.body.code ?? ''}`.trim()) ?? 0) + 1,
    );
  return Object.fromEntries(counts);
};

/**
 * Many members of one office cancel seats in the same session at once, while others book and cancel in
 * the office's other sessions and the waiting lists move up. Every write touches the same calendar feed
 * revisions (the office's, the session's, the leader's, every participant's), so this is where lock-order
 * problems show: no request may fail.
 */
describe('concurrent cancels and bookings in one office', () => {
  let t: TestApp;
  let f: RaceFactories;
  let office: MainOffice;

  beforeAll(async () => {
    t = await createTestApp({ DATABASE_POOL_SIZE: '40' });
    f = new RaceFactories(t.db);
    office = await mainOffice(t, 'Kolding');
  }, 120_000);
  afterAll(async () => {
    await f.cleanup();
    await t.close();
  });

  it(`${ROUNDS} rounds of ${SESSIONS} × ${SEATS} seats booked and cancelled at once, with waiting lists: zero failures`, async () => {
    const leader = await f.staff(office.id, 'job-consultant', ['theme-day']);
    const room = await f.room(office.id, SEATS);
    let cancels = 0;
    let bookings = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const sessions = await f.sessions(
        {
          officeId: office.id,
          roomId: room,
          leaderId: leader,
          activityCode: 'theme-it',
          capacity: SEATS,
          minParticipants: 8,
          minutes: 360,
        },
        hoursFromNow(20 + round * 3),
        SESSIONS,
      );
      const members: RaceMember[][] = [];
      for (let s = 0; s < SESSIONS; s++) members.push(await f.members(office.id, SEATS + WAITING, 'theme-it'));
      const asMember = (m: RaceMember) => t.auth({ role: 'member', subjectId: m.memberId });

      // Every seat of every session booked at once.
      const booked: Answer[] = await inParallel(
        PARALLEL,
        sessions.flatMap((sessionId, s) =>
          members[s].slice(0, SEATS).map(
            (m) => () =>
              t.http
                .post('/api/bookings')
                .set(asMember(m))
                .send({ memberId: m.memberId, programmeItemId: m.itemId, sessionId })
                .then((r) => r as Answer),
          ),
        ),
      );
      expect(summary(booked)).toEqual({ '201': SESSIONS * SEATS });
      bookings += booked.length;
      for (let s = 0; s < SESSIONS; s++) {
        for (const m of members[s].slice(SEATS)) {
          const wait = await t.http
            .post(`/api/sessions/${sessions[s]}/waitlist`)
            .set(asMember(m))
            .send({ memberId: m.memberId, programmeItemId: m.itemId });
          expect(wait.status).toBe(201);
        }
      }

      // Every booking cancelled at once: the waiting lists move up into the freed seats meanwhile.
      // Interleaved across sessions, so each session sees many cancels at once.
      const order = booked.map((_, k) => k).sort((a, b) => (a % SEATS) - (b % SEATS) || a - b);
      const cancelled: Answer[] = await inParallel(
        PARALLEL,
        order.map((k) => () => {
          const m = members[Math.floor(k / SEATS)][k % SEATS];
          return t.http
            .post(`/api/bookings/${booked[k].body.id}/cancel`)
            .set(asMember(m))
            .send({ reason: 'stress' })
            .then((r) => r as Answer);
        }),
      );
      expect(summary(cancelled)).toEqual({ '200': SESSIONS * SEATS });
      cancels += cancelled.length;

      // The promoted members cancel too, while the office cancels one of the sessions outright.
      const promoted: { id: string; memberId: string; sessionId: string }[] = await t.db.query(
        `SELECT id, member_id AS "memberId", session_id AS "sessionId" FROM booking WHERE session_id = ANY($1::uuid[]) AND status = 'booked'`,
        [sessions],
      );
      expect(promoted).toHaveLength(SESSIONS * WAITING);
      const memberCancels = promoted.map(
        (p) => () =>
          t.http
            .post(`/api/bookings/${p.id}/cancel`)
            .set(t.auth({ role: 'member', subjectId: p.memberId }))
            .send({})
            .then((r) => r as Answer),
      );
      const officeCancel = () =>
        t.http
          .delete(`/api/sessions/${sessions[0]}`)
          .set(t.auth(CENTRAL))
          .then((r) => r as Answer);
      const last = await inParallel(PARALLEL, [...memberCancels.slice(0, 4), officeCancel, ...memberCancels.slice(4)]);
      expect({ status: last[4].status, code: last[4].body.code }).toEqual({ status: 200, code: undefined });
      const lateInCancelled = promoted.filter(
        (p, k) => p.sessionId === sessions[0] && last[k < 4 ? k : k + 1].status !== 200,
      );
      // A member whose seat the office cancelled first is told so; nothing else may fail.
      expect(summary(last)).toEqual({
        '200': last.length - lateInCancelled.length,
        ...(lateInCancelled.length > 0 ? { '409 BOOKING_NOT_ACTIVE': lateInCancelled.length } : {}),
      });
      cancels += last.length;

      const [state] = await t.db.query(
        `SELECT count(*) FILTER (WHERE b.status = 'booked')::int AS live, (SELECT sum(booked)::int FROM session WHERE id = ANY($1::uuid[])) AS seats
         FROM booking b WHERE b.session_id = ANY($1::uuid[])`,
        [sessions],
      );
      expect(state).toEqual({ live: 0, seats: 0 });
    }
    expect(cancels).toBeGreaterThanOrEqual(ROUNDS * SESSIONS * SEATS);
    expect(bookings).toBe(ROUNDS * SESSIONS * SEATS);
  }, 300_000);

  it('the office cancels a full session while its members cancel their seats: zero failures', async () => {
    const leader = await f.staff(office.id, 'job-consultant', ['theme-day']);
    const room = await f.room(office.id, SEATS);
    for (let round = 0; round < ROUNDS * 2; round++) {
      const [sessionId] = await f.sessions(
        {
          officeId: office.id,
          roomId: room,
          leaderId: leader,
          activityCode: 'theme-it',
          capacity: SEATS,
          minParticipants: 8,
          minutes: 360,
        },
        hoursFromNow(40 + round),
        1,
      );
      const members = await f.members(office.id, SEATS + WAITING, 'theme-it');
      const asMember = (m: RaceMember) => t.auth({ role: 'member', subjectId: m.memberId });
      const booked: Answer[] = await inParallel(
        PARALLEL,
        members.slice(0, SEATS).map(
          (m) => () =>
            t.http
              .post('/api/bookings')
              .set(asMember(m))
              .send({ memberId: m.memberId, programmeItemId: m.itemId, sessionId })
              .then((r) => r as Answer),
        ),
      );
      expect(summary(booked)).toEqual({ '201': SEATS });
      for (const m of members.slice(SEATS))
        await t.http
          .post(`/api/sessions/${sessionId}/waitlist`)
          .set(asMember(m))
          .send({ memberId: m.memberId, programmeItemId: m.itemId });

      const at = (round * 7) % SEATS;
      const memberCancels = booked.map(
        (b, k) => () =>
          t.http
            .post(`/api/bookings/${b.body.id}/cancel`)
            .set(asMember(members[k]))
            .send({})
            .then((r) => r as Answer),
      );
      const answers = await inParallel(PARALLEL, [
        ...memberCancels.slice(0, at),
        () =>
          t.http
            .delete(`/api/sessions/${sessionId}`)
            .set(t.auth(CENTRAL))
            .then((r) => r as Answer),
        ...memberCancels.slice(at),
      ]);
      expect({ status: answers[at].status, code: answers[at].body.code }).toEqual({ status: 200, code: undefined });
      const others = summary(answers.filter((_, k) => k !== at));
      expect(Object.keys(others).filter((k) => k !== '200' && k !== '409 BOOKING_NOT_ACTIVE')).toEqual([]);
      const [state] = await t.db.query(
        `SELECT s.status, (SELECT count(*)::int FROM booking b WHERE b.session_id = s.id AND b.status = 'booked') AS live,
                (SELECT count(*)::int FROM programme_item i WHERE i.id = ANY($2::uuid[]) AND i.status <> 'open') AS "notOpen"
         FROM session s WHERE s.id = $1`,
        [sessionId, members.map((m) => m.itemId)],
      );
      expect(state).toEqual({ status: 'cancelled', live: 0, notOpen: 0 });
    }
  }, 300_000);

  it('a freed seat passes over a waiting member who is busy booking, instead of waiting for them', async () => {
    const leader = await f.staff(office.id, 'adviser', ['netcafe']);
    const room = await f.room(office.id, 4);
    const [sessionId] = await f.sessions(
      { officeId: office.id, roomId: room, leaderId: leader, activityCode: 'netcafe', capacity: 1, minutes: 120 },
      hoursFromNow(70),
      1,
    );
    const [holder, busy, next] = await f.members(office.id, 3, 'netcafe');
    const as = (m: RaceMember) => t.auth({ role: 'member', subjectId: m.memberId });
    const booked = await t.http
      .post('/api/bookings')
      .set(as(holder))
      .send({ memberId: holder.memberId, programmeItemId: holder.itemId, sessionId });
    expect(booked.status).toBe(201);
    for (const m of [busy, next])
      expect(
        (
          await t.http
            .post(`/api/sessions/${sessionId}/waitlist`)
            .set(as(m))
            .send({ memberId: m.memberId, programmeItemId: m.itemId })
        ).status,
      ).toBe(201);

    // The first in line is in the middle of a booking of their own: their item is locked, and such a booking
    // may be waiting for this very session's row.
    const other = new pg.Client({ connectionString: readTestEnvironment().databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT id FROM programme_item WHERE id = $1 FOR UPDATE`, [busy.itemId]);
      const cancel = t.http
        .post(`/api/bookings/${booked.body.id}/cancel`)
        .set(as(holder))
        .send({})
        .then((r) => r);
      const answer = await Promise.race([
        cancel,
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 8000)),
      ]);
      expect(answer?.status).toBe(200);
      await other.query('ROLLBACK');
      await cancel;
    } finally {
      await other.end();
    }
    const waitlist: { memberId: string; status: string }[] = await t.db.query(
      `SELECT member_id AS "memberId", status FROM waitlist_entry WHERE session_id = $1 ORDER BY created_at`,
      [sessionId],
    );
    expect(waitlist).toEqual([
      { memberId: busy.memberId, status: 'waiting' },
      { memberId: next.memberId, status: 'promoted' },
    ]);
  }, 60_000);
});
