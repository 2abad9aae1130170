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
    const link = await t.http.post('/api/calendar/feeds').set(t.auth(central)).send({ kind: 'member', subjectId: memberId });
    expect(link.status).toBe(201);
    return { memberId, bookingId: booking.id, path: new URL(link.body.url).pathname };
  };
  const ageRevision = (memberId: string) =>
    t.db.query(`UPDATE calendar_feed_revision SET changed_at = changed_at - interval '1 minute' WHERE kind = 'member' AND subject_id = $1`, [memberId]);

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
      expect((await t.http.get(path).set('If-Modified-Since', new Date(lastModified - 1000).toUTCString())).status).toBe(200);
      expect((await t.http.get(path).set('If-Modified-Since', new Date(Date.now() + 86_400_000).toUTCString())).status).toBe(200);
    });
  });
});
