import { connect } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { CENTRAL, createMember, dateFromToday, mainOffice, type MainOffice } from '../support/booking-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The documented error body: every error answer has it, whoever produced it. */
function expectErrorBody(
  response: { status: number; body: unknown; headers: Record<string, string> },
  statusCode: number,
  code?: string,
) {
  expect(response.status).toBe(statusCode);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.body).toEqual(
    expect.objectContaining({
      statusCode,
      code: code ?? expect.any(String),
      message: expect.any(String),
      requestId: expect.stringMatching(/\S/),
    }),
  );
}

function fieldsOf(body: { details?: { fields?: { field: string }[] } }): string[] {
  return (body.details?.fields ?? []).map((f) => f.field);
}

/** Sends raw bytes to the app's HTTP server and returns status line, headers and body as text. */
async function rawRequest(t: TestApp, request: string): Promise<{ status: number; headers: string; body: string }> {
  const server = t.app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head, body: rest.join('\r\n\r\n') });
    });
  });
}

describe('bad input gets a 4xx with the documented body, never a 500', () => {
  let t: TestApp;
  let office: MainOffice;

  beforeAll(async () => {
    t = await createTestApp();
    office = await mainOffice(t, 'Aalborg');
  }, 120_000);
  afterAll(async () => {
    const server = t.app.getHttpServer() as Server;
    if (server.listening) await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  describe('deeply nested JSON', () => {
    it('answers 400 MALFORMED_JSON without a token on POST /api/demo/token (depth 2,000, ~4 kB)', async () => {
      const body = `${'['.repeat(2000)}${']'.repeat(2000)}`;
      const response = await t.http.post('/api/demo/token').set('Content-Type', 'application/json').send(body);
      expectErrorBody(response, 400, 'MALFORMED_JSON');
      const objects = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;
      expectErrorBody(
        await t.http.post('/api/demo/token').set('Content-Type', 'application/json').send(objects),
        400,
        'MALFORMED_JSON',
      );
    });

    it('still takes ordinary nesting (a scenario with adjustments and office lists)', async () => {
      const response = await t.http
        .post('/api/capacity/scenarios')
        .set(t.auth(CENTRAL))
        .send({
          name: `Nesting ${Date.now()}`,
          adjustments: [{ fromWeek: '2027-W05', officeIds: [office.id], factor: 1.1 }],
        });
      expect(response.status).toBe(201);
      expect((await t.http.delete(`/api/capacity/scenarios/${response.body.id}`).set(t.auth(CENTRAL))).status).toBe(
        204,
      );
    });
  });

  describe('NUL characters and lone surrogates', () => {
    it('refuses NUL in a staff name, a member name, a closure reason and a scenario name with 400 naming the field', async () => {
      const staff = await t.http.post('/api/staff').set(t.auth(CENTRAL)).send({
        employeeNumber: 'NUL-1',
        name: 'Nul\u0000Person',
        email: 'nul@akasse.example',
        role: 'adviser',
        officeId: office.id,
        weeklyHours: 37,
      });
      expectErrorBody(staff, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(staff.body)).toEqual(['name']);

      const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-3) });
      const patched = await t.http.patch(`/api/members/${member.id}`).set(t.auth(CENTRAL)).send({ name: 'A\u0000B' });
      expectErrorBody(patched, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(patched.body)).toEqual(['name']);

      const closures = await t.http
        .put(`/api/offices/${office.id}/closures`)
        .set(t.auth(CENTRAL))
        .send({ year: 2031, days: [{ date: '2031-06-05', reason: 'Grundlovs\u0000dag' }] });
      expectErrorBody(closures, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(closures.body)).toEqual(['days.0.reason']);

      const scenario = await t.http
        .post('/api/capacity/scenarios')
        .set(t.auth(CENTRAL))
        .send({ name: '\u0000', adjustments: [{ fromWeek: '2027-W05', factor: 1.1 }] });
      expectErrorBody(scenario, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(scenario.body)).toEqual(['name']);
    });

    it('refuses NUL in a query parameter', async () => {
      const response = await t.http.get('/api/capacity/forecast?scenario=%00').set(t.auth(CENTRAL));
      expectErrorBody(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response.body)).toEqual(['scenario']);
    });

    it('refuses a lone surrogate in an e-mail address (and anywhere else) with 400', async () => {
      const response = await t.http
        .post('/api/members')
        .set(t.auth(CENTRAL))
        .send({
          memberNumber: 'SURR-1',
          name: 'Surrogat',
          email: '\ud800@akasse.example',
          municipalityCode: office.municipalityCode,
          firstUnemploymentDay: dateFromToday(-3),
          targetGroup: 'low-risk',
        });
      expectErrorBody(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response.body)).toEqual(['email']);
      const staff = await t.http.post('/api/staff').set(t.auth(CENTRAL)).send({
        employeeNumber: 'SURR-2',
        name: 'X',
        email: 'x\udc00@akasse.example',
        role: 'central-coordinator',
        weeklyHours: 37,
      });
      expectErrorBody(staff, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(staff.body)).toEqual(['email']);
    });

    it('refuses NUL in a CSV import without storing anything', async () => {
      const response = await t.http
        .post('/api/capacity/history')
        .set(t.auth(CENTRAL))
        .set('Content-Type', 'text/csv')
        .send('office_code,week_start,target_group,new_members\naal\u0000borg,2026-11-16,plus50,3\n');
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expectErrorBody(response, response.status);
    });
  });

  describe('explicit null in PATCH bodies', () => {
    it('refuses null for a staff member’s required fields with 400 naming each', async () => {
      const adviser = (
        await t.http.get('/api/staff').query({ officeId: office.id, role: 'adviser' }).set(t.auth(CENTRAL))
      ).body[0];
      for (const field of ['weeklyHours', 'name', 'email', 'officeId', 'skills', 'active']) {
        const response = await t.http
          .patch(`/api/staff/${adviser.id}`)
          .set(t.auth(CENTRAL))
          .send({ [field]: null });
        expectErrorBody(response, 400, 'VALIDATION_FAILED');
        expect(fieldsOf(response.body)).toEqual([field]);
      }
      const after = await t.http.get(`/api/staff/${adviser.id}`).set(t.auth(CENTRAL));
      expect(after.body.name).toBe(adviser.name);
    });

    it('refuses null for a member’s name and case fields, and clears e-mail and phone on null', async () => {
      const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-3) });
      for (const field of [
        'name',
        'targetGroup',
        'firstUnemploymentDay',
        'municipalityCode',
        'homeOfficeId',
        'basicItNeeds',
      ]) {
        const response = await t.http
          .patch(`/api/members/${member.id}`)
          .set(t.auth(CENTRAL))
          .send({ [field]: null });
        expectErrorBody(response, 400, 'VALIDATION_FAILED');
        expect(fieldsOf(response.body)).toEqual([field]);
      }
      const withContact = await t.http
        .patch(`/api/members/${member.id}`)
        .set(t.auth(CENTRAL))
        .send({ email: 'm@akasse.example', phone: '12345678' });
      expect(withContact.body).toMatchObject({ email: 'm@akasse.example', phone: '12345678' });
      const cleared = await t.http
        .patch(`/api/members/${member.id}`)
        .set(t.auth(CENTRAL))
        .send({ email: null, phone: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ email: null, phone: null });
      expect(cleared.body.name).toMatch(/^Testmedlem/);
    });
  });

  describe('dates', () => {
    it('answers nested junk in closure days with 400, not a TypeError', async () => {
      for (const days of [[[[]]], [[]], ['2031-06-05'], [null], [1]]) {
        const response = await t.http
          .put(`/api/offices/${office.id}/closures`)
          .set(t.auth(CENTRAL))
          .send({ year: 2032, days });
        expectErrorBody(response, 400, 'VALIDATION_FAILED');
        expect(fieldsOf(response.body)[0]).toMatch(/^days/);
      }
    });

    it('keeps every date between 2000 and 2100 and gives the same bad date the same code everywhere', async () => {
      const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-3) });
      const adviser = (
        await t.http.get('/api/staff').query({ officeId: office.id, role: 'adviser' }).set(t.auth(CENTRAL))
      ).body[0];
      const attempts = (date: string) => [
        t.http.patch(`/api/members/${member.id}`).set(t.auth(CENTRAL)).send({ firstUnemploymentDay: date }),
        t.http
          .post(`/api/staff/${adviser.id}/absences`)
          .set(t.auth(CENTRAL))
          .send({ from: date, to: date, reason: 'course' }),
        t.http
          .put(`/api/offices/${office.id}/closures`)
          .set(t.auth(CENTRAL))
          .send({ year: 2031, days: [{ date, reason: 'x' }] }),
        t.http
          .post('/api/capacity/scenarios')
          .set(t.auth(CENTRAL))
          .send({ name: `d ${date}`, adjustments: [{ fromDate: date, factor: 1 }] }),
        t.http.get(`/api/offices/${office.id}/slots`).query({ from: date }).set(t.auth(CENTRAL)),
        t.http.get('/api/capacity/plan').query({ from: date }).set(t.auth(CENTRAL)),
        t.http.post('/api/optimiser/runs').set(t.auth(CENTRAL)).send({ from: date, to: date }),
      ];
      for (const date of ['9999-12-31', '1000-01-01', '5000-06-01', '2031-02-30', '2031-13-01', '2031-6-5']) {
        for (const response of await Promise.all(attempts(date))) {
          expectErrorBody(response, 400, 'VALIDATION_FAILED');
          expect(fieldsOf(response.body).length).toBeGreaterThan(0);
        }
      }
    });
  });

  describe('malformed path ids', () => {
    it('answers 400 INVALID_ID naming the parameter', async () => {
      const member = await t.http.get('/api/members/not-a-uuid').set(t.auth(CENTRAL));
      expectErrorBody(member, 400, 'INVALID_ID');
      expect(member.body.details).toEqual({ parameter: 'id' });
      const slots = await t.http.post('/api/offices/12345/slots').set(t.auth(CENTRAL)).send({});
      expectErrorBody(slots, 400, 'INVALID_ID');
      expect(slots.body.details).toEqual({ parameter: 'officeId' });
      const nul = await t.http.delete('/api/sessions/%00').set(t.auth(CENTRAL));
      expectErrorBody(nul, 400, 'INVALID_ID');
      const badEscape = await t.http.get('/api/staff/%E0%A4%A').set(t.auth(CENTRAL));
      expect(badEscape.status).toBe(400);
      expectErrorBody(badEscape, 400);
    });
  });

  describe('errors from Node’s own HTTP limits', () => {
    it('answers a 20 kB query string with 431 and the documented JSON body', async () => {
      const response = await t.http.get(`/api/offices?near=${'1'.repeat(20_000)}`).set(t.auth(CENTRAL));
      expectErrorBody(response, 431, 'REQUEST_HEADER_FIELDS_TOO_LARGE');
    });

    it('answers a body over the 1 MB limit with 413 and the documented JSON body', async () => {
      const response = await t.http
        .post('/api/capacity/scenarios')
        .set(t.auth(CENTRAL))
        .set('Content-Type', 'application/json')
        .send(`{"name":"${'x'.repeat(1_100_000)}"}`);
      expectErrorBody(response, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('answers a request the HTTP parser cannot read with 400 and the documented JSON body', async () => {
      const response = await rawRequest(t, 'GET /api/offices HTTP/1.1\r\nHost: localhost\r\nBad Header Line\r\n\r\n');
      expect(response.status).toBe(400);
      expect(response.headers).toMatch(/content-type: application\/json/i);
      expect(JSON.parse(response.body)).toEqual(
        expect.objectContaining({
          statusCode: 400,
          code: 'BAD_REQUEST',
          message: expect.any(String),
          requestId: expect.stringMatching(/\S/),
        }),
      );
    });
  });
});
