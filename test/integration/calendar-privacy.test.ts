import type { INestApplication } from '@nestjs/common';
import { pino } from 'pino';
import supertest from 'supertest';
import { loadConfig } from '../../src/common/config/app-config.js';
import { createHttpApp } from '../../src/http-app.js';
import { CalendarFactories, type TestOffice, wallTime } from '../support/calendar-factories.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';
import { readTestEnvironment } from '../support/test-environment.js';

const central = { role: 'central-coordinator' as const, subjectId: '00000000-0000-4000-8000-0000000000d1' };

describe('calendar privacy', () => {
  let t: TestApp;
  let f: CalendarFactories;
  let office: TestOffice;
  let adviserId: string;

  const path = (url: string) => new URL(url).pathname;
  const tokenOf = (url: string) => path(url).slice('/calendar/'.length, -'.ics'.length);
  const createLink = (principal: object, kind: string, subjectId: string) =>
    t.http
      .post('/api/calendar/feeds')
      .set(t.auth(principal as never))
      .send({ kind, subjectId });

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://akasse.example' });
    f = new CalendarFactories(t.db);
    ({ office, adviserId } = await f.officeWithAdviser(3));
  });
  afterAll(() => t.close());

  describe('request logs', () => {
    let logged: INestApplication;
    const lines: string[] = [];

    beforeAll(async () => {
      const environment = readTestEnvironment();
      const config = loadConfig({
        NODE_ENV: 'test',
        JWT_SECRET: TEST_JWT_SECRET,
        REDIS_KEY_PREFIX: environment.redisPrefix,
        DEMO_DATA: 'false',
        RUN_WORKERS: 'false',
        LOG_LEVEL: 'info',
      });
      logged = await createHttpApp(
        { config, databaseUrl: environment.databaseUrl, redisUrl: environment.redisUrl, jwtSecret: TEST_JWT_SECRET },
        pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) }),
      );
    });
    afterAll(() => logged.close());

    it('never carry a feed token, whatever the case, encoding or shape of the path', async () => {
      const memberId = await f.member({ officeId: office.id });
      const token = tokenOf((await createLink(central, 'member', memberId)).body.url);
      // A token a percent-encoding step away from the literal one must not appear either.
      const encodedToken = token.replace(/[A-Za-z]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
      const http = supertest(logged.getHttpServer());
      const variants: [method: 'get' | 'head', url: string][] = [
        ['get', `/calendar/${token}.ics`],
        ['get', `/CALENDAR/${token}.ICS`],
        ['head', `/Calendar/${token}.Ics`],
        ['get', `/calendar/${token}`],
        ['get', `/calendar/${token}%2eics`],
        ['get', `/calendar/${token}%2Eics?refresh=1`],
        ['get', `/%63alendar/${token}.ics`],
        ['get', `/%2563alendar/${token}.ics`],
        ['get', `//calendar/${token}.ics`],
        ['get', `/calendar/./${token}.ics`],
        ['get', `/calendar/${token}.ics/`],
        ['get', `/calendar/${token}.ics/extra`],
        ['get', `/calendar/${encodedToken}.ics`],
        ['get', `/calendar/${token}%E0.ics`],
        ['get', `/calendar/offices/${token}.ics`],
        ['get', `/calendar?token=${token}`],
        ['get', `/calendar/feed?t=${token}`],
        ['get', `/api/calendar/../../calendar/${token}.ics`],
      ];
      const answers: string[] = [];
      for (const [method, url] of variants) {
        const response = await http[method](url);
        expect(response.status).toBeLessThan(500);
        answers.push(`${url} -> ${response.status} ${response.text ?? ''}`);
        if (url.startsWith('/CALENDAR/')) expect(response.status).toBe(200);
      }
      const officeFeed = `/calendar/offices/${office.id}.ics`;
      expect((await http.get(officeFeed)).status).toBe(200);

      const log = lines.join('\n');
      const secrets = [token, encodedToken, token.slice(0, 20), token.slice(-20)];
      const leaks = (texts: string[]) => texts.filter((text) => secrets.some((secret) => text.includes(secret)));
      expect(leaks(lines)).toEqual([]);
      expect(leaks(answers.map((answer) => answer.slice(answer.indexOf(' -> '))))).toEqual([]);
      // Every one of those requests was logged, in a form an operator can still read.
      expect(log.match(/\/calendar\/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(variants.length - 1);
      expect(log).toContain(officeFeed);
    });
  });

  describe('erasure', () => {
    it('revokes the member’s feed links in the erasing transaction: their URLs serve an empty calendar', async () => {
      const memberId = await f.member({ officeId: office.id });
      const slotId = await f.slot({ staffId: adviserId, officeId: office.id, start: wallTime('2027-03-03', '09:00') });
      await f.bookSlot(memberId, slotId);
      const memberLink = await createLink({ role: 'member', subjectId: memberId }, 'member', memberId);
      const sessionId = await f.session({
        officeId: office.id,
        roomId: office.roomIds[0],
        start: wallTime('2027-03-04', '13:00'),
      });
      await f.bookSession(memberId, sessionId);
      const sessionLink = await createLink({ role: 'member', subjectId: memberId }, 'session', sessionId);
      const staffLink = await createLink(central, 'staff', adviserId);
      expect([memberLink.status, sessionLink.status, staffLink.status]).toEqual([201, 201, 201]);
      expect((await t.http.get(path(memberLink.body.url))).text).toContain('BEGIN:VEVENT');

      const erased = await t.http.post(`/api/members/${memberId}/erasure`).set(t.auth(central));
      expect(erased.status).toBeLessThan(300);

      for (const link of [memberLink, sessionLink]) {
        const feed = await t.http.get(path(link.body.url));
        expect(feed.status).toBe(200);
        expect(feed.text).not.toContain('BEGIN:VEVENT');
      }
      const links = await t.http
        .get('/api/calendar/feeds')
        .query({ kind: 'member', subjectId: memberId })
        .set(t.auth(central));
      expect(links.body.map((link: { status: string }) => link.status)).toEqual(['revoked']);
      // The adviser's own link is theirs, not the member's.
      expect((await t.http.get(path(staffLink.body.url))).text).toContain('BEGIN:VEVENT');
      const again = await createLink(central, 'member', memberId);
      expect(again.status).toBe(422);
      expect(again.body.code).toBe('MEMBER_ERASED');
    });

    it('lets a link made while the member is being erased either fail or be revoked by the erasure', async () => {
      const memberId = await f.member({ officeId: office.id });
      const erasure = t.db.createQueryRunner();
      await erasure.connect();
      try {
        await erasure.startTransaction();
        await erasure.query(
          `UPDATE member SET name = NULL, email = NULL, phone = NULL, status = 'erased', erased_at = now() WHERE id = $1`,
          [memberId],
        );
        let settled = false;
        const link = createLink(central, 'member', memberId).then((response) => {
          settled = true;
          return response;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled).toBe(false);
        await erasure.commitTransaction();
        expect((await link).body.code).toBe('MEMBER_ERASED');
      } finally {
        await erasure.release();
      }
      const [{ live }] = await t.db.query(
        `SELECT count(*)::int AS live FROM calendar_feed WHERE member_id = $1 AND revoked_at IS NULL`,
        [memberId],
      );
      expect(live).toBe(0);
    });
  });
  describe('who may manage feed links', () => {
    it('answers 404 to staff of another department, as for any member they cannot see; 403 only to staff who can', async () => {
      const memberId = await f.member({ officeId: office.id });
      const [{ id: otherDepartment }] = await t.db.query(
        `SELECT id FROM department WHERE id <> $1 ORDER BY code LIMIT 1`,
        [office.departmentId],
      );
      const outsiders = [
        {
          role: 'office-coordinator',
          subjectId: '00000000-0000-4000-8000-0000000000d2',
          departmentId: otherDepartment,
        },
        { role: 'adviser', subjectId: '00000000-0000-4000-8000-0000000000d3', departmentId: otherDepartment },
      ];
      for (const outsider of outsiders) {
        const created = await createLink(outsider, 'member', memberId);
        expect([created.status, created.body.code]).toEqual([404, 'NOT_FOUND']);
        const listed = await t.http
          .get('/api/calendar/feeds')
          .query({ kind: 'member', subjectId: memberId })
          .set(t.auth(outsider as never));
        expect([listed.status, listed.body.code]).toEqual([404, 'NOT_FOUND']);
        // Exactly as for a member that does not exist.
        const unknown = await createLink(outsider, 'member', '6f0c4a8e-0000-4000-8000-000000000000');
        expect(created.body.message.replace(memberId, 'ID')).toBe(
          unknown.body.message.replace('6f0c4a8e-0000-4000-8000-000000000000', 'ID'),
        );
        expect((await createLink(outsider, 'staff', adviserId)).status).toBe(404);
      }
      const link = await createLink(central, 'member', memberId);
      const outsider = outsiders[0];
      expect(
        (await t.http.post(`/api/calendar/feeds/${link.body.id}/rotate`).set(t.auth(outsider as never))).status,
      ).toBe(404);
      expect((await t.http.delete(`/api/calendar/feeds/${link.body.id}`).set(t.auth(outsider as never))).status).toBe(
        404,
      );
      // An adviser of the member's own department sees the member, so being refused says nothing new.
      const colleague = { role: 'adviser', subjectId: adviserId, departmentId: office.departmentId };
      expect((await createLink(colleague, 'member', memberId)).status).toBe(403);
      // Sessions are visible to every role: refusing is no disclosure.
      const sessionId = await f.session({
        officeId: office.id,
        roomId: office.roomIds[0],
        start: wallTime('2027-03-11', '13:00'),
      });
      expect((await createLink(outsider, 'session', sessionId)).status).toBe(403);
    });
  });
  describe('rotation', () => {
    it('leaves every replaced URL serving an empty calendar for 30 days, then 404', async () => {
      const memberId = await f.member({ officeId: office.id });
      const slotId = await f.slot({ staffId: adviserId, officeId: office.id, start: wallTime('2027-03-17', '09:00') });
      await f.bookSlot(memberId, slotId);
      const owner = { role: 'member', subjectId: memberId };
      const created = await createLink(owner, 'member', memberId);
      const first = await t.http.post(`/api/calendar/feeds/${created.body.id}/rotate`).set(t.auth(owner as never));
      const second = await t.http.post(`/api/calendar/feeds/${created.body.id}/rotate`).set(t.auth(owner as never));
      expect([first.status, second.status]).toEqual([200, 200]);

      for (const old of [created.body.url, first.body.url]) {
        const feed = await t.http.get(path(old));
        expect(feed.status).toBe(200);
        expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
        expect(feed.text).toContain('BEGIN:VCALENDAR');
        expect(feed.text).not.toContain('BEGIN:VEVENT');
        expect((await t.http.get(path(old)).set('If-None-Match', feed.headers.etag)).status).toBe(304);
        expect((await t.http.head(path(old))).status).toBe(200);
      }
      expect((await t.http.get(path(second.body.url))).text).toContain('BEGIN:VEVENT');

      await t.db.query(
        `UPDATE calendar_feed_retired_token SET retired_at = now() - interval '31 days' WHERE feed_id = $1`,
        [created.body.id],
      );
      expect((await t.http.get(path(created.body.url))).status).toBe(404);
      expect((await t.http.get(path(first.body.url))).status).toBe(404);
      expect((await t.http.get(path(second.body.url))).status).toBe(200);
    });
  });
});
