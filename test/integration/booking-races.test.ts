import pg from 'pg';
import { CENTRAL, mainOffice, type MainOffice } from '../support/booking-factories.js';
import { hoursFromNow, RaceFactories, type RaceMember } from '../support/race-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { readTestEnvironment } from '../support/test-environment.js';

const ROUNDS = 40;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A member books (or moves a booking onto) a slot or session while the office cancels it. Whichever
 * request wins, the office's cancel stands and no live booking may remain on the cancelled slot or
 * session: the booker either gets 409 SLOT_CANCELLED / SESSION_CANCELLED, or their booking is cancelled
 * together with the slot and their programme item is open again.
 */
describe('booking races against the office cancelling', () => {
  let t: TestApp;
  let f: RaceFactories;
  let office: MainOffice;

  beforeAll(async () => {
    t = await createTestApp();
    f = new RaceFactories(t.db);
    office = await mainOffice(t, 'Horsens');
  }, 120_000);
  afterAll(async () => {
    await f.cleanup();
    await t.close();
  });

  /** Two requests, the second sent `stagger` ms after the first (first = 'booker' or 'office'). */
  async function race<A, B>(
    first: 'booker' | 'office',
    stagger: number,
    booker: () => Promise<A>,
    office: () => Promise<B>,
  ): Promise<[A, B]> {
    if (first === 'booker') {
      const b = booker();
      await sleep(stagger);
      return [await b, await office()];
    }
    const o = office();
    await sleep(stagger);
    return [await booker(), await o];
  }

  const order = (round: number) => (round % 2 === 0 ? 'booker' : 'office');
  const stagger = (round: number) => Math.floor(round / 2) % 6;
  const book = (member: RaceMember, target: { slotId?: string; sessionId?: string }) =>
    t.http
      .post('/api/bookings')
      .set(t.auth({ role: 'member', subjectId: member.memberId }))
      .send({ memberId: member.memberId, programmeItemId: member.itemId, ...target });
  const itemStatus = async (itemId: string) =>
    (await t.db.query(`SELECT status FROM programme_item WHERE id = $1`, [itemId]))[0].status as string;

  it(`booking a slot while the office cancels it never leaves a live booking on the cancelled slot (${ROUNDS} rounds, both orders)`, async () => {
    const adviser = await f.staff(office.id, 'adviser', []);
    const slots = await f.slots(office.id, adviser, hoursFromNow(20), ROUNDS);
    const members = await f.members(office.id, ROUNDS, 'follow-up');
    for (let round = 0; round < ROUNDS; round++) {
      const [booked, cancelled] = await race(
        order(round),
        stagger(round),
        () => book(members[round], { slotId: slots[round] }).then((r) => r),
        () =>
          t.http
            .delete(`/api/slots/${slots[round]}`)
            .set(t.auth(CENTRAL))
            .then((r) => r),
      );
      expect(cancelled.status).toBe(200);
      const live = await t.db.query(`SELECT id FROM booking WHERE slot_id = $1 AND status = 'booked'`, [slots[round]]);
      expect({ round, live }).toEqual({ round, live: [] });
      if (booked.status === 201) {
        const [row] = await t.db.query(`SELECT status, slot_id AS "slotId" FROM booking WHERE id = $1`, [
          booked.body.id,
        ]);
        expect({ round, row }).toEqual({ round, row: { status: 'cancelled', slotId: slots[round] } });
        expect(cancelled.body.affectedMemberIds).toEqual([members[round].memberId]);
      } else {
        expect({ round, status: booked.status, code: booked.body.code }).toEqual({
          round,
          status: 409,
          code: 'SLOT_CANCELLED',
        });
      }
      expect(await itemStatus(members[round].itemId)).toBe('open');
    }
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM booking b JOIN slot s ON s.id = b.slot_id WHERE s.status = 'cancelled' AND b.status = 'booked'`,
    );
    expect(count).toBe(0);
  }, 120_000);

  it(`booking a session seat while the office cancels the session never leaves a live booking in it (${ROUNDS} rounds, both orders)`, async () => {
    const leader = await f.staff(office.id, 'adviser', ['netcafe']);
    const room = await f.room(office.id, 4);
    const sessions = await f.sessions(
      { officeId: office.id, roomId: room, leaderId: leader, activityCode: 'netcafe', capacity: 4, minutes: 120 },
      hoursFromNow(25),
      ROUNDS,
    );
    const members = await f.members(office.id, ROUNDS, 'netcafe');
    for (let round = 0; round < ROUNDS; round++) {
      const [booked, cancelled] = await race(
        order(round),
        stagger(round),
        () => book(members[round], { sessionId: sessions[round] }).then((r) => r),
        () =>
          t.http
            .delete(`/api/sessions/${sessions[round]}`)
            .set(t.auth(CENTRAL))
            .then((r) => r),
      );
      expect(cancelled.status).toBe(200);
      const [state] = await t.db.query(
        `SELECT s.status, s.booked, (SELECT count(*)::int FROM booking b WHERE b.session_id = s.id AND b.status = 'booked') AS live FROM session s WHERE s.id = $1`,
        [sessions[round]],
      );
      expect({ round, state }).toEqual({ round, state: { status: 'cancelled', booked: 0, live: 0 } });
      if (booked.status === 201) {
        const [row] = await t.db.query(`SELECT status FROM booking WHERE id = $1`, [booked.body.id]);
        expect({ round, row }).toEqual({ round, row: { status: 'cancelled' } });
      } else {
        expect({ round, status: booked.status, code: booked.body.code }).toEqual({
          round,
          status: 409,
          code: 'SESSION_CANCELLED',
        });
      }
      expect(await itemStatus(members[round].itemId)).toBe('open');
    }
  }, 120_000);

  it(`moving a booking onto a slot or session the office is cancelling never leaves it live there (${ROUNDS} rounds each)`, async () => {
    const adviser = await f.staff(office.id, 'adviser', []);
    // Originals first, then the targets, all back to back: a member's original and target never overlap.
    const originals = await f.slots(office.id, adviser, hoursFromNow(30), ROUNDS);
    const targets = await f.slots(office.id, adviser, hoursFromNow(31), ROUNDS);
    const members = await f.members(office.id, ROUNDS, 'follow-up');
    const leader = await f.staff(office.id, 'adviser', ['netcafe']);
    const room = await f.room(office.id, 4);
    const sessionOriginals = await f.sessions(
      { officeId: office.id, roomId: room, leaderId: leader, activityCode: 'netcafe', capacity: 4, minutes: 120 },
      hoursFromNow(40),
      ROUNDS,
    );
    const sessionTargets = await f.sessions(
      { officeId: office.id, roomId: room, leaderId: leader, activityCode: 'netcafe', capacity: 4, minutes: 120 },
      hoursFromNow(50),
      ROUNDS,
    );
    const netcafeMembers = await f.members(office.id, ROUNDS, 'netcafe');

    for (const kind of ['slot', 'session'] as const) {
      for (let round = 0; round < ROUNDS; round++) {
        const member = kind === 'slot' ? members[round] : netcafeMembers[round];
        const original = kind === 'slot' ? { slotId: originals[round] } : { sessionId: sessionOriginals[round] };
        const target = kind === 'slot' ? { slotId: targets[round] } : { sessionId: sessionTargets[round] };
        const targetId = kind === 'slot' ? targets[round] : sessionTargets[round];
        const first = await book(member, original);
        expect(first.status).toBe(201);
        const [moved, cancelled] = await race(
          order(round),
          stagger(round),
          () =>
            t.http
              .post(`/api/bookings/${first.body.id}/reschedule`)
              .set(t.auth({ role: 'member', subjectId: member.memberId }))
              .send(target)
              .then((r) => r),
          () =>
            t.http
              .delete(`/api/${kind}s/${targetId}`)
              .set(t.auth(CENTRAL))
              .then((r) => r),
        );
        expect(cancelled.status).toBe(200);
        const live = await t.db.query(`SELECT id FROM booking WHERE ${kind}_id = $1 AND status = 'booked'`, [targetId]);
        expect({ kind, round, live }).toEqual({ kind, round, live: [] });
        const [row] = await t.db.query(
          `SELECT status, slot_id AS "slotId", session_id AS "sessionId" FROM booking WHERE id = $1`,
          [first.body.id],
        );
        if (moved.status === 200) {
          // Moved, then cancelled with the target: the member books again.
          expect({ kind, round, row }).toEqual({
            kind,
            round,
            row: { status: 'cancelled', slotId: null, sessionId: null, ...target },
          });
          expect(await itemStatus(member.itemId)).toBe('open');
        } else {
          expect({ kind, round, status: moved.status, code: moved.body.code }).toEqual({
            kind,
            round,
            status: 409,
            code: kind === 'slot' ? 'SLOT_CANCELLED' : 'SESSION_CANCELLED',
          });
          expect({ kind, round, row }).toEqual({
            kind,
            round,
            row: { status: 'booked', slotId: null, sessionId: null, ...original },
          });
          expect(await itemStatus(member.itemId)).toBe('booked');
        }
      }
    }
  }, 180_000);

  describe('PostgreSQL itself keeps bookings off cancelled slots and sessions, whoever writes', () => {
    let admin: pg.Client;
    let other: pg.Client;
    beforeAll(async () => {
      admin = new pg.Client({ connectionString: readTestEnvironment().databaseUrl });
      other = new pg.Client({ connectionString: readTestEnvironment().databaseUrl });
      await admin.connect();
      await other.connect();
    });
    afterAll(async () => {
      await admin.end();
      await other.end();
    });

    const insertBooking = (db: pg.Client, member: RaceMember, target: { slotId?: string; sessionId?: string }) =>
      db.query(
        `INSERT INTO booking (member_id, programme_item_id, slot_id, session_id, office_id, activity_code, channel, during, booked_by_role)
         SELECT $1, i.id, $3, $4, t.office_id, i.activity_code, 'in-person', t.during, 'adviser'
         FROM programme_item i, (SELECT office_id, during FROM slot WHERE id = $3 UNION ALL SELECT office_id, during FROM session WHERE id = $4) t
         WHERE i.id = $2`,
        [member.memberId, member.itemId, target.slotId ?? null, target.sessionId ?? null],
      );

    it('refuses a booking on a cancelled slot or session; cancelling one under a live booking cancels the booking with it', async () => {
      const adviser = await f.staff(office.id, 'adviser', ['netcafe']);
      const [cancelledSlot, bookedSlot] = await f.slots(office.id, adviser, hoursFromNow(60), 2);
      const room = await f.room(office.id, 4);
      const [cancelledSession, bookedSession] = await f.sessions(
        { officeId: office.id, roomId: room, leaderId: adviser, activityCode: 'netcafe', capacity: 4, minutes: 120 },
        hoursFromNow(61),
        2,
      );
      const [a, b] = await f.members(office.id, 2, 'follow-up');
      const [c, d] = await f.members(office.id, 2, 'netcafe');
      await admin.query(`UPDATE slot SET status = 'cancelled' WHERE id = $1`, [cancelledSlot]);
      await admin.query(`UPDATE session SET status = 'cancelled' WHERE id = $1`, [cancelledSession]);
      await expect(insertBooking(admin, a, { slotId: cancelledSlot })).rejects.toMatchObject({
        constraint: 'ck_booking_slot_open',
      });
      await expect(insertBooking(admin, c, { sessionId: cancelledSession })).rejects.toMatchObject({
        constraint: 'ck_booking_session_open',
      });

      await insertBooking(admin, b, { slotId: bookedSlot });
      await insertBooking(admin, d, { sessionId: bookedSession });
      await admin.query(`UPDATE programme_item SET status = 'booked' WHERE id = ANY($1::uuid[])`, [
        [b.itemId, d.itemId],
      ]);
      // Moving a live booking onto a cancelled slot is refused like a new one.
      await expect(
        admin.query(`UPDATE booking SET slot_id = $2 WHERE slot_id = $1 AND status = 'booked'`, [
          bookedSlot,
          cancelledSlot,
        ]),
      ).rejects.toMatchObject({ constraint: 'ck_booking_slot_open' });
      await admin.query(`UPDATE slot SET status = 'cancelled' WHERE id = $1`, [bookedSlot]);
      await admin.query(`UPDATE session SET status = 'cancelled' WHERE id = $1`, [bookedSession]);
      const after = await admin.query(
        `SELECT b.status, b.cancel_reason AS reason, i.status AS "itemStatus",
                (SELECT count(*)::int FROM message n WHERE n.member_id = b.member_id AND n.booking_id = b.id AND n.event = 'booking-cancelled-by-office'
                    AND n.channel = 'inbox' AND n.payload->>'reason' = b.cancel_reason) AS told
         FROM booking b JOIN programme_item i ON i.id = b.programme_item_id WHERE b.member_id = ANY($1::uuid[]) ORDER BY b.cancel_reason`,
        [[b.memberId, d.memberId]],
      );
      expect(after.rows).toEqual([
        { status: 'cancelled', reason: 'session-cancelled', itemStatus: 'open', told: 1 },
        { status: 'cancelled', reason: 'slot-cancelled', itemStatus: 'open', told: 1 },
      ]);
    });

    it('sees a cancel that commits while a booking waits for it (READ COMMITTED), in both directions', async () => {
      const adviser = await f.staff(office.id, 'adviser', []);
      const [first, second] = await f.slots(office.id, adviser, hoursFromNow(62), 2);
      const [a, b] = await f.members(office.id, 2, 'follow-up');

      // The office cancels first and commits while the booking waits: the booking is refused.
      await admin.query('BEGIN');
      await admin.query(`SELECT id FROM slot WHERE id = $1 FOR UPDATE`, [first]);
      const waiting = insertBooking(other, a, { slotId: first }).then(
        () => 'inserted',
        (error: { constraint?: string }) => error.constraint,
      );
      await sleep(200);
      await admin.query(`UPDATE slot SET status = 'cancelled' WHERE id = $1`, [first]);
      await admin.query('COMMIT');
      expect(await waiting).toBe('ck_booking_slot_open');

      // The booking commits first while the cancel waits: the cancel then finds it and cancels it too.
      await other.query('BEGIN');
      await insertBooking(other, b, { slotId: second });
      const cancelling = admin.query(`UPDATE slot SET status = 'cancelled' WHERE id = $1`, [second]).then(
        () => 'cancelled',
        (error: { constraint?: string }) => error.constraint,
      );
      await sleep(200);
      await other.query('COMMIT');
      expect(await cancelling).toBe('cancelled');
      const live = await admin.query(`SELECT id FROM booking WHERE slot_id = $1 AND status = 'booked'`, [second]);
      expect(live.rows).toEqual([]);
    });
  });
});
