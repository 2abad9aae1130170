import { CalendarFactories, wallTime } from '../support/calendar-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const central = { role: 'central-coordinator' as const, subjectId: '00000000-0000-4000-8000-0000000000c7' };

describe('calendar feeds follow renames', () => {
  let t: TestApp;
  let f: CalendarFactories;
  beforeAll(async () => {
    t = await createTestApp();
    f = new CalendarFactories(t.db);
  });
  afterAll(() => t.close());

  it('a new office address changes the member feed’s ETag and LOCATION; an unrelated office does not', async () => {
    const { office, adviserId } = await f.officeWithAdviser(9);
    const memberId = await f.member({ officeId: office.id });
    const slotId = await f.slot({ staffId: adviserId, officeId: office.id, start: wallTime('2027-02-17', '06:00') });
    await f.bookSlot(memberId, slotId);
    const link = await t.http
      .post('/api/calendar/feeds')
      .set(t.auth(central))
      .send({ kind: 'member', subjectId: memberId });
    expect(link.status).toBe(201);
    const path = new URL(link.body.url).pathname;
    const before = await t.http.get(path);
    expect(before.status).toBe(200);
    expect(before.text).toContain(office.street);

    const other = await f.officeWithAdviser(10);
    await t.db.query(`UPDATE office SET street = street || ' ' WHERE id = $1`, [other.office.id]);
    expect((await t.http.get(path).set('If-None-Match', before.headers.etag)).status).toBe(304);

    await t.db.query(`UPDATE office SET street = 'Nyvej 7' WHERE id = $1`, [office.id]);
    try {
      const after = await t.http.get(path).set('If-None-Match', before.headers.etag);
      expect(after.status).toBe(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(after.text).toContain('Nyvej 7');
    } finally {
      await t.db.query(`UPDATE office SET street = $2 WHERE id = $1`, [office.id, office.street]);
      await t.db.query(`UPDATE office SET street = $2 WHERE id = $1`, [other.office.id, other.office.street]);
    }
  });

  it('a renamed room changes the office feed’s ETag', async () => {
    const { office, adviserId } = await f.officeWithAdviser(11);
    await f.session({
      officeId: office.id,
      roomId: office.roomIds[0],
      start: wallTime('2027-02-18', '06:00'),
      leaderIds: [adviserId],
    });
    const path = `/calendar/offices/${office.id}.ics`;
    const before = await t.http.get(path);
    expect(before.status).toBe(200);
    const [{ name }] = await t.db.query(`SELECT name FROM room WHERE id = $1`, [office.roomIds[0]]);
    await t.db.query(`UPDATE room SET name = name || ' (nyt navn)' WHERE id = $1`, [office.roomIds[0]]);
    try {
      const after = await t.http.get(path).set('If-None-Match', before.headers.etag);
      expect(after.status).toBe(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
    } finally {
      await t.db.query(`UPDATE room SET name = $2 WHERE id = $1`, [office.roomIds[0], name]);
    }
  });
});
