import type { Principal } from '../../src/common/auth/principal.js';
import {
  CENTRAL,
  copenhagen,
  createMember,
  dateFromToday,
  nextWeekday,
  type MainOffice,
} from '../support/booking-factories.js';
import { RaceFactories } from '../support/race-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface OfficeRow {
  id: string;
  departmentId: string;
  municipalityCode: string;
}

/**
 * Who may put staff of another department to work at an office, and who may move a member into another
 * department. Department staff work with their own department's people and the cross-department teams;
 * crossing departments otherwise is for central coordinators and admins.
 */
describe('scope across departments', () => {
  let t: TestApp;
  let f: RaceFactories;
  let x: OfficeRow;
  let xOther: OfficeRow;
  let y: OfficeRow;
  let adviserX: Principal;
  let coordinatorX: Principal;

  beforeAll(async () => {
    t = await createTestApp();
    f = new RaceFactories(t.db);
    // A department with a main office and a second office, and a main office of another department.
    [x, xOther] = await t.db.query(
      `SELECT o.id, o.department_id AS "departmentId", o.municipality_code AS "municipalityCode" FROM office o
       WHERE o.department_id = (SELECT department_id FROM office GROUP BY department_id HAVING count(*) >= 2 AND bool_or(kind = 'main') ORDER BY department_id LIMIT 1)
       ORDER BY o.kind = 'main' DESC, o.code LIMIT 2`,
    );
    [y] = await t.db.query(
      `SELECT id, department_id AS "departmentId", municipality_code AS "municipalityCode" FROM office WHERE kind = 'main' AND department_id <> $1 ORDER BY code LIMIT 1`,
      [x.departmentId],
    );
    const adviserId = await f.staff(x.id, 'adviser', []);
    adviserX = { role: 'adviser', subjectId: adviserId, departmentId: x.departmentId };
    coordinatorX = {
      role: 'office-coordinator',
      subjectId: '00000000-0000-4000-8000-00000000c0c1',
      departmentId: x.departmentId,
    };
  }, 120_000);
  afterAll(async () => {
    await f.cleanup();
    await t.close();
  });

  describe('leading a session or holding a slot at an office', () => {
    const day = () => nextWeekday(2, 10);
    const session = (principal: Principal, roomId: string, leaderId: string, activityCode: string) =>
      t.http
        .post(`/api/offices/${x.id}/sessions`)
        .set(t.auth(principal))
        .send({ activityCode, roomId, leaderIds: [leaderId], start: copenhagen(day(), '10:00') });

    it('department staff cannot make another department’s adviser lead a session at their office (404, as that adviser is not theirs to see)', async () => {
      const room = await f.room(x.id, 4);
      const leaderY = await f.staff(y.id, 'adviser', ['netcafe']);
      for (const principal of [adviserX, coordinatorX]) {
        const response = await session(principal, room, leaderY, 'netcafe');
        expect({ role: principal.role, status: response.status, code: response.body.code }).toEqual({
          role: principal.role,
          status: 404,
          code: 'NOT_FOUND',
        });
      }
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM session_leader WHERE staff_id = $1`, [
        leaderY,
      ]);
      expect(count).toBe(0);
    });

    it('department staff may have their own advisers and the job team lead; central coordinators anyone', async () => {
      const own = await f.staff(x.id, 'adviser', ['netcafe']);
      const jobTeam = await f.staff(x.id, 'job-consultant', ['workshop']);
      const fromY = await f.staff(y.id, 'adviser', ['netcafe']);
      expect((await session(adviserX, await f.room(x.id, 4), own, 'netcafe')).status).toBe(201);
      expect((await session(coordinatorX, await f.room(x.id, 16), jobTeam, 'workshop-skriv')).status).toBe(201);
      expect((await session(CENTRAL, await f.room(x.id, 4), fromY, 'netcafe')).status).toBe(201);
    });

    it('the same rule holds for publishing another department’s adviser’s slots', async () => {
      const fromY = await f.staff(y.id, 'adviser', []);
      const start = copenhagen(day(), '14:00');
      const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
      const body = { staffId: fromY, activityCodes: ['follow-up'], channel: 'in-person', start, end };
      expect((await t.http.post(`/api/offices/${x.id}/slots`).set(t.auth(adviserX)).send(body)).status).toBe(404);
      expect((await t.http.post(`/api/offices/${x.id}/slots`).set(t.auth(CENTRAL)).send(body)).status).toBe(201);
    });
  });

  describe('a member’s home office', () => {
    const asMainOffice = (o: OfficeRow): MainOffice => ({
      id: o.id,
      departmentId: o.departmentId,
      municipalityCode: o.municipalityCode,
      rooms: [],
    });

    it('department staff cannot move a member into another department (403); within their own they can', async () => {
      const member = await createMember(t, asMainOffice(x), { firstUnemploymentDay: dateFromToday(-10) });
      for (const principal of [adviserX, coordinatorX]) {
        const moved = await t.http
          .patch(`/api/members/${member.id}`)
          .set(t.auth(principal))
          .send({ homeOfficeId: y.id });
        expect({ role: principal.role, status: moved.status, code: moved.body.code }).toEqual({
          role: principal.role,
          status: 403,
          code: 'OTHER_DEPARTMENT',
        });
      }
      const [{ homeOfficeId }] = await t.db.query(`SELECT home_office_id AS "homeOfficeId" FROM member WHERE id = $1`, [
        member.id,
      ]);
      expect(homeOfficeId).toBe(x.id);
      const within = await t.http
        .patch(`/api/members/${member.id}`)
        .set(t.auth(adviserX))
        .send({ homeOfficeId: xOther.id });
      expect(within.status).toBe(200);
      expect(within.body.homeOfficeId).toBe(xOther.id);
    });

    it('a central coordinator moves a member into another department; afterwards the old department no longer sees them (404)', async () => {
      const member = await createMember(t, asMainOffice(x), { firstUnemploymentDay: dateFromToday(-10) });
      const moved = await t.http.patch(`/api/members/${member.id}`).set(t.auth(CENTRAL)).send({ homeOfficeId: y.id });
      expect(moved.status).toBe(200);
      expect(moved.body.homeOfficeId).toBe(y.id);
      const back = await t.http.patch(`/api/members/${member.id}`).set(t.auth(adviserX)).send({ homeOfficeId: x.id });
      expect(back.status).toBe(404);
    });

    it('department staff cannot register a member at another department’s office (403)', async () => {
      const response = await t.http
        .post('/api/members')
        .set(t.auth(coordinatorX))
        .send({
          memberNumber: `SCOPE-${Date.now()}`,
          name: 'Testmedlem',
          municipalityCode: y.municipalityCode,
          homeOfficeId: y.id,
          firstUnemploymentDay: dateFromToday(-3),
          targetGroup: 'low-risk',
        });
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 403, code: 'OTHER_DEPARTMENT' });
    });
  });
});
