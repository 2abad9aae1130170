import { readFileSync } from 'node:fs';
import { ACCESS_POLICY, type AccessRule, renderAccessPolicyTable } from '../../src/common/auth/access-policy.js';
import { ACCESS_ROLES, CENTRAL_ROLES, type Principal, type Role } from '../../src/common/auth/principal.js';
import {
  CENTRAL,
  copenhagen,
  createMember,
  type CreatedMember,
  dateFromToday,
  freeTime,
  itemOf,
  mainOffice,
  type MainOffice,
  nextWeekday,
} from '../support/booking-factories.js';
import { RaceFactories } from '../support/race-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// Every documented route × every role: the answer the declared policy predicts.
const ID = '00000000-0000-4000-8000-00000000abcd';
const DEPARTMENT = '00000000-0000-4000-8000-00000000d001';
/** Routes whose path names a member's or a department's resource (scope own-member, own-department or offer). */
const SCOPED_ROUTE_COUNT = 50;

describe('the declared access policy', () => {
  let t: TestApp;
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    const document = (await t.http.get('/docs/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((method) => ({ method: method.toUpperCase(), path })),
    );
  });
  afterAll(() => t.close());

  it('declares every route of /docs/openapi.json, and nothing that is not one', () => {
    const documented = routes
      .map((r) => `${r.method} ${r.path}`)
      .filter((r) => r.includes(' /api/'))
      .sort();
    expect(Object.keys(ACCESS_POLICY).sort()).toEqual(documented);
  });

  it('answers each role as the policy predicts: 403 when the role is not listed, never 403 when it is', async () => {
    const mismatches: string[] = [];
    for (const { method, path } of routes.filter((r) => r.path.startsWith('/api/'))) {
      const rule = ACCESS_POLICY[`${method} ${path}`];
      const url = path.replace(/\{[^}]+\}/g, ID);
      for (const role of ACCESS_ROLES as readonly Role[]) {
        const request = t.http[method.toLowerCase() as 'get'](url).set(
          t.auth({
            role,
            subjectId: ID,
            ...(role === 'central-coordinator' || role === 'admin' || role === 'member'
              ? {}
              : { departmentId: DEPARTMENT }),
          }),
        );
        const response = await (method === 'GET' || method === 'DELETE' ? request : request.send({}));
        const allowed = rule.roles === 'public' || rule.roles.includes(role);
        const forbidden = response.status === 403 && response.body.code !== 'CSRF_TOKEN_INVALID';
        if (allowed === forbidden)
          mismatches.push(
            `${method} ${path} as ${role}: ${response.status} ${response.body.code ?? ''} (policy: ${allowed ? 'allowed' : 'forbidden'})`,
          );
      }
      if (rule.roles !== 'public') {
        const anonymous = await t.http[method.toLowerCase() as 'get'](url);
        if (anonymous.status !== 401) mismatches.push(`${method} ${path} without sign-in: ${anonymous.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('declares each resource and action once: the same roles and scope on every route that names the pair', () => {
    const byPair = new Map<string, AccessRule>();
    const differing: string[] = [];
    for (const [route, rule] of Object.entries(ACCESS_POLICY)) {
      const key = `${rule.action} ${rule.resource}`;
      const seen = byPair.get(key);
      if (seen && (JSON.stringify(seen.roles) !== JSON.stringify(rule.roles) || seen.scope !== rule.scope))
        differing.push(`${route}: ${key}`);
      byPair.set(key, rule);
    }
    expect(differing).toEqual([]);
  });

  it('is the table in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderAccessPolicyTable());
  });

  /**
   * Scope: every route with a member's or a department's resource in its path, tried with a real resource of
   * department A (member A): a listed role of department B (member B) gets 404, exactly as for an unknown id;
   * a role the policy does not list gets 403 for the same, known resource.
   */
  describe('out of scope is 404, a forbidden action on a known resource 403', () => {
    let f: RaceFactories;
    let officeA: MainOffice;
    let departmentB: string;
    let memberA: CreatedMember;
    let memberB: CreatedMember;
    let staffA: string;
    const ids: Record<string, string> = {};
    const bodies: Record<string, object> = {};
    const queries: Record<string, Record<string, string>> = {};

    beforeAll(async () => {
      f = new RaceFactories(t.db);
      officeA = await mainOffice(t, 'Aarhus');
      const [officeB] = await t.db.query(
        `SELECT id, department_id AS "departmentId" FROM office WHERE kind = 'main' AND department_id <> $1 ORDER BY code LIMIT 1`,
        [officeA.departmentId],
      );
      departmentB = officeB.departmentId;
      const mainB = { ...officeA, id: officeB.id, departmentId: officeB.departmentId };
      memberA = await createMember(t, officeA, { firstUnemploymentDay: dateFromToday(-30), targetGroup: 'low-risk' });
      memberB = await createMember(t, mainB, { firstUnemploymentDay: dateFromToday(-30), targetGroup: 'low-risk' });
      staffA = await f.staff(officeA.id, 'adviser', ['netcafe']);

      const slotAt = async (fromDays: number) => {
        const date = nextWeekday(2, fromDays);
        const start = copenhagen(
          date,
          await freeTime(t, officeA.id, date, 30, { staffIds: [staffA], preferred: '10:00' }),
        );
        const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
        const slot = await t.http
          .post(`/api/offices/${officeA.id}/slots`)
          .set(t.auth(CENTRAL))
          .send({ staffId: staffA, activityCodes: ['follow-up'], channel: 'in-person', start, end });
        if (slot.status !== 201) throw new Error(`slot: ${slot.status} ${JSON.stringify(slot.body)}`);
        return slot.body.id as string;
      };
      const slot = await slotAt(8);
      const otherSlot = await slotAt(15);
      const booking = await t.http
        .post('/api/bookings')
        .set(t.auth({ role: 'member', subjectId: memberA.id }))
        .send({ memberId: memberA.id, programmeItemId: itemOf(memberA, 'follow-up').id, slotId: slot });
      if (booking.status !== 201) throw new Error(`booking: ${booking.status} ${JSON.stringify(booking.body)}`);
      const room = await f.room(officeA.id, 4);
      const session = await t.http
        .post(`/api/offices/${officeA.id}/sessions`)
        .set(t.auth(CENTRAL))
        .send({
          activityCode: 'netcafe',
          roomId: room,
          leaderIds: [staffA],
          start: copenhagen(nextWeekday(3, 10), '10:00'),
        });
      if (session.status !== 201) throw new Error(`session: ${session.status} ${JSON.stringify(session.body)}`);
      const [message] = await t.db.query(`SELECT id FROM message WHERE member_id = $1 ORDER BY id LIMIT 1`, [
        memberA.id,
      ]);
      const feed = await t.http
        .post('/api/calendar/feeds')
        .set(t.auth({ role: 'member', subjectId: memberA.id }))
        .send({ kind: 'member', subjectId: memberA.id });
      if (feed.status !== 201) throw new Error(`feed: ${feed.status} ${JSON.stringify(feed.body)}`);
      Object.assign(ids, {
        offices: officeA.id,
        departments: officeA.departmentId,
        staff: staffA,
        members: memberA.id,
        slots: slot,
        sessions: session.body.id,
        bookings: booking.body.id,
        messages: String(message.id),
        'calendar/feeds': feed.body.id,
        'capacity/offices': officeA.id,
        'capacity/staff': staffA,
      });

      // Valid requests, so that what decides the answer is the scope, not validation.
      const date = nextWeekday(4, 20);
      const start = copenhagen(date, '13:00');
      Object.assign(bodies, {
        'PUT /api/offices/{id}/closures': { year: Number(date.slice(0, 4)), days: [] },
        'PATCH /api/offices/{id}': {},
        'PUT /api/offices/{id}/rooms': { rooms: [] },
        'PUT /api/offices/{id}/opening-hours': { openingHours: [] },
        'PATCH /api/departments/{id}': { name: 'Uden for rækkevidde' },
        'PATCH /api/staff/{id}': { weeklyHours: 30 },
        'POST /api/staff/{id}/absences': { from: dateFromToday(40), to: dateFromToday(41), reason: 'course' },
        'PATCH /api/members/{id}': { phone: '12345678' },
        'PUT /api/members/{id}/smiley': { smiley: 'green' },
        'POST /api/offices/{officeId}/slots': {
          staffId: staffA,
          activityCodes: ['follow-up'],
          channel: 'in-person',
          start,
          end: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
        },
        'POST /api/offices/{officeId}/slots/bulk': {
          staffId: staffA,
          activityCodes: ['follow-up'],
          channel: 'in-person',
          from: date,
          to: date,
          pattern: [{ weekday: 4, start: '13:00', end: '14:00', slotMinutes: 30 }],
        },
        'POST /api/offices/{officeId}/slots/bulk/preview': {
          staffId: staffA,
          activityCodes: ['follow-up'],
          channel: 'in-person',
          from: date,
          to: date,
          pattern: [{ weekday: 4, start: '13:00', end: '14:00', slotMinutes: 30 }],
        },
        'POST /api/offices/{officeId}/sessions': {
          activityCode: 'netcafe',
          roomId: room,
          leaderIds: [staffA],
          start: copenhagen(nextWeekday(3, 24), '10:00'),
        },
        'POST /api/sessions/{id}/waitlist': { memberId: memberA.id, programmeItemId: itemOf(memberA, 'follow-up').id },
        'POST /api/bookings/{id}/reschedule': { slotId: otherSlot },
        'POST /api/bookings/{id}/attendance': { attended: true },
        'PUT /api/members/{memberId}/message-preferences': { channels: [], reminderHours: [], language: 'da' },
        'PATCH /api/sessions/{id}': { roomId: room },
        'PUT /api/capacity/staff/{id}/programme-share': { share: 0.5, validFrom: dateFromToday(1) },
        'POST /api/members/{memberId}/push-subscriptions': {
          endpoint: 'https://push.example/abc',
          keys: { p256dh: 'x', auth: 'y' },
        },
        'DELETE /api/members/{memberId}/push-subscriptions': { endpoint: 'https://push.example/abc' },
      });
      Object.assign(queries, {
        'GET /api/members/{id}/availability': { item: itemOf(memberA, 'follow-up').id },
        'GET /api/offices/{officeId}/message-kpis': { from: dateFromToday(-30), to: dateFromToday(1) },
      });
    }, 120_000);
    afterAll(() => f.cleanup());

    const SCOPED = new Set(['own-member', 'own-department', 'offer']);
    const scopedRoutes = () =>
      routes.filter(
        (r) =>
          r.path.startsWith('/api/') &&
          r.path.includes('{') &&
          SCOPED.has(ACCESS_POLICY[`${r.method} ${r.path}`].scope),
      );

    /** The route's path with department A's resources (member A's) in it. */
    function urlOf(path: string): string {
      const prefix = /^\/api\/((?:calendar|capacity)\/[a-z]+|[a-z]+)\//.exec(path)?.[1] ?? '';
      const filled = path
        .replace('{memberId}', memberA.id)
        .replace('{officeId}', officeA.id)
        .replace(/\/inbox\/\{id\}/, `/inbox/${ids.messages}`)
        .replace('{id}', ids[prefix] ?? '{id}');
      if (filled.includes('{')) throw new Error(`no resource for ${path}`);
      return filled;
    }

    /** A caller with this role outside department A (member B for members). */
    function outsider(role: Role): Principal {
      return role === 'member'
        ? { role, subjectId: memberB.id }
        : { role, subjectId: '00000000-0000-4000-8000-00000000b0b0', departmentId: departmentB };
    }

    /** A caller with this role inside department A (member A for members). */
    function insider(role: Role): Principal {
      return role === 'member'
        ? { role, subjectId: memberA.id }
        : CENTRAL_ROLES.includes(role)
          ? { role, subjectId: CENTRAL.subjectId }
          : { role, subjectId: staffA, departmentId: officeA.departmentId };
    }

    async function call(method: string, path: string, principal: Principal) {
      const key = `${method} ${path}`;
      const request = t.http[method.toLowerCase() as 'get'](urlOf(path))
        .query(queries[key] ?? {})
        .set(t.auth(principal));
      if (method === 'GET' || (method === 'DELETE' && !bodies[key])) return request;
      return request.send(bodies[key] ?? {});
    }

    it('answers as the policy predicts on every route with a scoped resource in its path', async () => {
      const mismatches: string[] = [];
      const covered = scopedRoutes();
      for (const { method, path } of covered) {
        const rule = ACCESS_POLICY[`${method} ${path}`];
        for (const role of ACCESS_ROLES.filter((r) => r !== 'service') as Role[]) {
          const listed = rule.roles !== 'public' && rule.roles.includes(role);
          if (!listed) {
            const response = await call(method, path, insider(role));
            if (response.status !== 403 || response.body.code !== 'FORBIDDEN')
              mismatches.push(
                `${method} ${path} as ${role} (not listed): ${response.status} ${response.body.code ?? ''}, expected 403`,
              );
            continue;
          }
          if (CENTRAL_ROLES.includes(role)) continue; // the whole fund is in scope
          const response = await call(method, path, outsider(role));
          // `offer`: members see every session on offer.
          const expected = rule.scope === 'offer' && role === 'member' ? 200 : 404;
          if (response.status !== expected)
            mismatches.push(
              `${method} ${path} as ${role} of another ${role === 'member' ? 'member' : 'department'}: ${response.status} ${response.body.code ?? ''}, expected ${expected}`,
            );
        }
      }
      expect(mismatches).toEqual([]);
      // Every route whose path names a member's or a department's resource.
      expect(covered.length).toBe(SCOPED_ROUTE_COUNT);
    }, 300_000);
  });
});
