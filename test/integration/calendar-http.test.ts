import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { CalendarFactories, type TestOffice, wallTime } from '../support/calendar-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const central = { role: 'central-coordinator' as const, subjectId: '00000000-0000-4000-8000-0000000000f1' };

describe('calendar feeds over HTTP', () => {
  let t: TestApp;
  let f: CalendarFactories;
  let office: TestOffice;
  let adviserId: string;

  const newFeed = async (start: string) => {
    const memberId = await f.member({ officeId: office.id });
    const slotId = await f.slot({ staffId: adviserId, officeId: office.id, start: wallTime(start, '09:00') });
    const booking = await f.bookSlot(memberId, slotId);
    const link = await t.http
      .post('/api/calendar/feeds')
      .set(t.auth(central))
      .send({ kind: 'member', subjectId: memberId });
    expect(link.status).toBe(201);
    return { memberId, bookingId: booking.id, path: new URL(link.body.url).pathname };
  };
  const ageRevision = (memberId: string) =>
    t.db.query(
      `UPDATE calendar_feed_change SET changed_at = changed_at - interval '1 minute' WHERE kind = 'member' AND subject_id = $1`,
      [memberId],
    );

  /** The bytes on the wire: supertest would inflate a gzip body before the test sees it. */
  const raw = async (path: string, headers: Record<string, string>, method = 'GET') => {
    const server: Server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      });
      request.on('error', reject);
      request.end();
    });
  };

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://akasse.example' });
    f = new CalendarFactories(t.db);
    ({ office, adviserId } = await f.officeWithAdviser(8));
  });
  afterAll(() => t.close());

  describe('If-Modified-Since alone', () => {
    it('never hides a change made in the same second as the fetch it names', async () => {
      const { bookingId, path } = await newFeed('2027-07-05');
      const channels = ['phone', 'video'];
      let sameSecond = 0;
      for (let round = 0; round < 20 && sameSecond < 3; round++) {
        const fetchedAt = Date.now();
        const seen = await t.http.get(path);
        await t.db.query(`UPDATE booking SET channel = $2 WHERE id = $1`, [bookingId, channels[round % 2]]);
        // Only rounds where the fetch and the change fell in the same second say anything.
        if (Math.floor(Date.now() / 1000) !== Math.floor(fetchedAt / 1000)) continue;
        sameSecond++;
        const again = await t.http.get(path).set('If-Modified-Since', seen.headers['last-modified']);
        expect(again.status).toBe(200);
        expect(again.text).not.toBe(seen.text);
      }
      expect(sameSecond).toBeGreaterThan(0);
    });

    it('still answers 304 when nothing changed since, and ignores a date in the future', async () => {
      const { memberId, path } = await newFeed('2027-07-06');
      await ageRevision(memberId);
      const seen = await t.http.get(path);
      const lastModified = new Date(seen.headers['last-modified']).getTime();
      expect(lastModified).toBeLessThanOrEqual(Date.now());
      expect((await t.http.get(path).set('If-Modified-Since', seen.headers['last-modified'])).status).toBe(304);
      expect(
        (await t.http.get(path).set('If-Modified-Since', new Date(lastModified - 1000).toUTCString())).status,
      ).toBe(200);
      expect(
        (await t.http.get(path).set('If-Modified-Since', new Date(Date.now() + 86_400_000).toUTCString())).status,
      ).toBe(200);
    });
  });

  describe('gzip', () => {
    it('compresses a rendered feed for clients that accept it, with Vary and a weak ETag of the same tag', async () => {
      const { memberId, path } = await newFeed('2027-07-07');
      await ageRevision(memberId);
      const plain = await t.http.get(path).set('Accept-Encoding', 'identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
      expect(plain.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);

      const zipped = await raw(path, { 'Accept-Encoding': 'gzip, deflate, br' });
      expect(zipped.status).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toMatch(/Accept-Encoding/i);
      expect(zipped.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(zipped.headers.etag).toBe(`W/${plain.headers.etag}`);
      const body = zipped.body;
      expect(Number(zipped.headers['content-length'])).toBe(body.length);
      expect(gunzipSync(body).toString('utf8')).toBe(plain.text);
      expect(body.length).toBeLessThan(Buffer.byteLength(plain.text));

      // Either tag revalidates either representation; the 304 names the one this request would get.
      for (const [encoding, tag, expected] of [
        ['gzip', zipped.headers.etag, zipped.headers.etag],
        ['gzip', plain.headers.etag, zipped.headers.etag],
        ['identity', zipped.headers.etag, plain.headers.etag],
      ]) {
        const revalidated = await t.http.get(path).set('Accept-Encoding', encoding!).set('If-None-Match', tag!);
        expect([revalidated.status, revalidated.headers.etag]).toEqual([304, expected]);
        expect(revalidated.headers.vary).toMatch(/Accept-Encoding/i);
        expect(revalidated.headers['content-encoding']).toBeUndefined();
      }
      const byDate = await t.http
        .get(path)
        .set('Accept-Encoding', 'gzip')
        .set('If-Modified-Since', zipped.headers['last-modified']!);
      expect(byDate.status).toBe(304);
    });

    it('honours q=0 and answers HEAD with the headers of GET and no body', async () => {
      const { path } = await newFeed('2027-07-08');
      for (const refused of ['gzip;q=0', 'identity', 'br', '*;q=0', 'gzip;q=0, *;q=1']) {
        const response = await t.http.get(path).set('Accept-Encoding', refused);
        expect([refused, response.headers['content-encoding']]).toEqual([refused, undefined]);
        expect(response.text).toContain('BEGIN:VCALENDAR');
      }
      const starred = await raw(path, { 'Accept-Encoding': '*' });
      expect(starred.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(starred.body).toString('utf8')).toContain('BEGIN:VCALENDAR');
      const head = await raw(path, { 'Accept-Encoding': 'gzip' }, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.headers['content-encoding']).toBe('gzip');
      expect(head.headers.etag).toBe(starred.headers.etag);
      expect(head.headers.vary).toMatch(/Accept-Encoding/i);
      expect(head.body.length).toBe(0);
    });

    it('compresses the empty calendar of a revoked link too', async () => {
      const { path } = await newFeed('2027-07-09');
      const [{ id }] = await t.db.query(`SELECT id FROM calendar_feed ORDER BY created_at DESC LIMIT 1`);
      await t.http.delete(`/api/calendar/feeds/${id}`).set(t.auth(central));
      const response = await t.http.get(path).set('Accept-Encoding', 'gzip');
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(response.text).toContain('BEGIN:VCALENDAR');
      expect(response.text).not.toContain('BEGIN:VEVENT');
    });
  });
});
