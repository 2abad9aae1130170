import { MetricsServer } from '../../src/common/metrics/metrics-server.js';
import { MetricsService } from '../../src/common/metrics/metrics.service.js';
import {
  adviserAt,
  CENTRAL,
  copenhagen,
  createMembers,
  dateFromToday,
  freeTime,
  itemOf,
  mainOffice,
  nextWeekday,
} from '../support/booking-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const METRICS_TOKEN = 'metrics-token-for-the-tests-0123456789abcdef';

/** The value of one sample (`name{labels} value`), 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const line = text.split('\n').find((l) => {
    if (!l.startsWith(`${name}{`) && !l.startsWith(`${name} `)) return false;
    return Object.entries(labels).every(([key, value]) => l.includes(`${key}="${value}"`));
  });
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN, METRICS_PORT: '0' });
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const response = await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text;
  };

  it('answers /metrics on the API port only with the METRICS_TOKEN bearer', async () => {
    const none = await t.http.get('/metrics');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    expect((await t.http.get('/metrics').set('Authorization', 'Bearer not-the-metrics-token')).status).toBe(401);
    // A user's token is not the metrics token either.
    expect((await t.http.get('/metrics').set(t.auth(CENTRAL))).status).toBe(401);
    expect(await scrape()).toMatch(/akasse_http_requests_total/);
    const openapi = await t.http.get('/docs/openapi.json');
    expect(Object.keys(openapi.body.paths)).not.toContain('/metrics');
  });

  it('serves them without a token on the separate METRICS_PORT listener (loopback)', async () => {
    const port = t.app.get(MetricsServer).port;
    expect(port).toBeGreaterThan(0);
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/akasse_db_pool_connections\{state="max"\} 10/);
  });

  it('counts requests by route pattern (never ids or feed tokens), bookings, cancellations and conflicts by code', async () => {
    const office = await mainOffice(t, 'Esbjerg');
    const before = await scrape();
    const officeLabels = { method: 'GET', route: '/api/offices/:id', status: '200' };
    await t.http.get(`/api/offices/${office.id}`).set(t.auth(CENTRAL));
    const token = 'A'.repeat(43);
    expect((await t.http.get(`/calendar/${token}.ics`)).status).toBe(404);

    const [first, second] = await createMembers(t, office, 2, { firstUnemploymentDay: dateFromToday(-30) });
    const adviser = await adviserAt(t, office.id, 0);
    const date = nextWeekday(4, 9);
    const start = copenhagen(
      date,
      await freeTime(t, office.id, date, 30, { staffIds: [adviser.id], preferred: '11:00' }),
    );
    const slot = await t.http
      .post(`/api/offices/${office.id}/slots`)
      .set(t.auth(CENTRAL))
      .send({
        staffId: adviser.id,
        activityCodes: ['follow-up'],
        channel: 'in-person',
        start,
        end: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
      });
    expect(slot.status).toBe(201);
    const booked = await t.http
      .post('/api/bookings')
      .set(t.auth(CENTRAL))
      .send({ memberId: first.id, programmeItemId: itemOf(first, 'follow-up').id, slotId: slot.body.id });
    expect(booked.status).toBe(201);
    const taken = await t.http
      .post('/api/bookings')
      .set(t.auth(CENTRAL))
      .send({ memberId: second.id, programmeItemId: itemOf(second, 'follow-up').id, slotId: slot.body.id });
    expect(taken.body.code).toBe('SLOT_TAKEN');
    expect(
      (await t.http.post(`/api/bookings/${booked.body.id}/cancel`).set(t.auth(CENTRAL)).send({ reason: 'test' }))
        .status,
    ).toBe(200);

    const after = await scrape();
    expect(
      sample(after, 'akasse_http_requests_total', officeLabels) -
        sample(before, 'akasse_http_requests_total', officeLabels),
    ).toBe(1);
    expect(sample(after, 'akasse_http_request_duration_seconds_count', officeLabels)).toBeGreaterThanOrEqual(1);
    expect(
      sample(after, 'akasse_bookings_total', { operation: 'book' }) -
        sample(before, 'akasse_bookings_total', { operation: 'book' }),
    ).toBe(1);
    expect(
      sample(after, 'akasse_cancellations_total', { of: 'booking' }) -
        sample(before, 'akasse_cancellations_total', { of: 'booking' }),
    ).toBe(1);
    expect(
      sample(after, 'akasse_conflicts_total', { code: 'SLOT_TAKEN' }) -
        sample(before, 'akasse_conflicts_total', { code: 'SLOT_TAKEN' }),
    ).toBe(1);
    expect(after).not.toContain(office.id);
    expect(after).not.toContain(token);
    expect(after).toMatch(/route="\/calendar\/:token\.ics",status="404"/);
    expect(after).toMatch(/akasse_db_pool_waiting \d/);
    expect(after).toMatch(/akasse_queue_jobs\{queue="optimiser",state="waiting"\} \d/);
    expect(after).toMatch(/akasse_queue_jobs\{queue="capacity-allocation",state="failed"\} \d/);
  });
});

describe('metrics without METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RUN_WORKERS: 'true' });
  });
  afterAll(() => t.close());

  it('does not serve /metrics on the API port at all, and times jobs of this process’s workers', async () => {
    expect((await t.http.get('/metrics')).status).toBe(404);
    const queued = await t.http
      .post('/api/capacity/allocations')
      .set(t.auth(CENTRAL))
      .send({ from: '2026-12-21', weeks: 1 });
    expect(queued.status).toBe(202);
    const deadline = Date.now() + 60_000;
    let text: string;
    for (;;) {
      text = await t.app.get(MetricsService).metrics();
      if (
        /akasse_job_duration_seconds_count\{queue="capacity-allocation",outcome="completed"\} [1-9]/.test(text) ||
        Date.now() > deadline
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(text).toMatch(/akasse_job_duration_seconds_count\{queue="capacity-allocation",outcome="completed"\} [1-9]/);
  }, 90_000);
});
