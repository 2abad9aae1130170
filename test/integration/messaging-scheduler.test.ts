import { MessageSchedulerService } from '../../src/messaging/delivery/message-scheduler.service.js';
import { CENTRAL, copenhagen, freeTime, itemOf } from '../support/booking-factories.js';
import { messagesOf, reachableMember, slotFixture, type SlotFixture } from '../support/messaging-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('time-based messages', () => {
  let t: TestApp;
  let fixture: SlotFixture;
  let scheduler: MessageSchedulerService;

  beforeAll(async () => {
    t = await createTestApp();
    fixture = await slotFixture(t, 'Aalborg');
    scheduler = t.app.get(MessageSchedulerService);
  });
  afterAll(() => t.close());

  /** A member booked for follow-up at `time` (Copenhagen) on `date`, the item's window moved around that date. */
  async function bookedOn(date: string, time: string) {
    const member = await reachableMember(t, fixture.office, { phone: null });
    const item = itemOf(member, 'follow-up');
    await t.db.query(
      `UPDATE programme_item SET window_start = $2::date - 20, window_end = $2::date + 20 WHERE id = $1`,
      [item.id, date],
    );
    const start = copenhagen(
      date,
      await freeTime(t, fixture.office.id, date, 30, { staffIds: [fixture.adviser.id], preferred: time }),
    );
    const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
    const slot = await t.http
      .post(`/api/offices/${fixture.office.id}/slots`)
      .set(t.auth(CENTRAL))
      .send({ staffId: fixture.adviser.id, activityCodes: ['follow-up'], channel: 'in-person', start, end });
    expect(slot.status).toBe(201);
    const booking = await t.http
      .post('/api/bookings')
      .set(t.auth(CENTRAL))
      .send({ memberId: member.id, programmeItemId: item.id, slotId: slot.body.id });
    expect(booking.status).toBe(201);
    return { member, bookingId: booking.body.id as string, start: new Date(start) };
  }

  const reminders = async (memberId: string) => (await messagesOf(t, memberId)).filter((m) => m.event === 'reminder');

  it('sends a 48 h reminder at the same wall-clock time two days before, across the October clock change, once', async () => {
    // Monday 1 November 2027 10:00 CET (09:00 UTC); the clocks go back on Sunday 31 October.
    const { member, start } = await bookedOn('2027-11-01', '10:00');
    expect(start.toISOString()).toBe('2027-11-01T09:00:00.000Z');
    const saved = await t.http
      .put(`/api/members/${member.id}/message-preferences`)
      .set(t.auth({ role: 'member', subjectId: member.id }))
      .send({ channels: ['email'], reminderHours: [48, 2], language: 'da' });
    expect(saved.status).toBe(200);

    // 48 real hours before would be Saturday 09:00 UTC (11:00 CEST); the wall clock says Saturday 10:00 CEST = 08:00 UTC.
    await scheduler.scan(new Date('2027-10-30T07:59:00Z'));
    expect(await reminders(member.id)).toEqual([]);
    await scheduler.scan(new Date('2027-10-30T08:00:00Z'));
    await scheduler.scan(new Date('2027-10-30T08:01:00Z'));
    expect((await reminders(member.id)).map((r) => `${r.channel}:${r.payload.hoursBefore}`).sort()).toEqual([
      'email:48',
      'inbox:48',
    ]);

    const inbox = await t.http
      .get(`/api/members/${member.id}/inbox`)
      .set(t.auth({ role: 'member', subjectId: member.id }));
    expect(inbox.body[0].subject).toBe('Påmindelse: Jobopfølgning mandag 1. november kl. 10:00');

    // The 2 h reminder is in real time: 07:00 UTC on the day.
    await scheduler.scan(new Date('2027-11-01T06:59:00Z'));
    expect(await reminders(member.id)).toHaveLength(2);
    await scheduler.scan(new Date('2027-11-01T07:00:00Z'));
    expect((await reminders(member.id)).map((r) => `${r.channel}:${r.payload.hoursBefore}`).sort()).toEqual([
      'email:2',
      'email:48',
      'inbox:2',
      'inbox:48',
    ]);
    // Nothing once the appointment has begun.
    await scheduler.scan(new Date('2027-11-01T09:00:00Z'));
    expect(await reminders(member.id)).toHaveLength(4);
  });

  it('sends the default 24 h reminder after the March change, and only the nearest reminder when the scan was down', async () => {
    // Tuesday 30 March 2027 10:00 CEST (08:00 UTC); clocks went forward on Sunday 28 March; Monday 29 is Easter Monday.
    const { member } = await bookedOn('2027-03-30', '10:00');
    // The scan was down until 09:00 UTC on the day: the 24 h reminder is long due, the 2 h one too; only the 2 h one goes.
    await scheduler.scan(new Date('2027-03-30T06:30:00Z'));
    expect((await reminders(member.id)).map((r) => r.payload.hoursBefore)).toEqual([2, 2]);
    const other = await bookedOn('2027-03-30', '13:00');
    await scheduler.scan(new Date('2027-03-29T10:59:00Z'));
    expect(await reminders(other.member.id)).toEqual([]);
    await scheduler.scan(new Date('2027-03-29T11:00:00Z'));
    expect((await reminders(other.member.id)).map((r) => r.payload.hoursBefore)).toEqual([24, 24]);
  });

  it('sends no reminder for a booking cancelled before it is due', async () => {
    const { member, bookingId } = await bookedOn('2027-11-02', '11:00');
    expect(
      (
        await t.http
          .post(`/api/bookings/${bookingId}/cancel`)
          .set(t.auth({ role: 'member', subjectId: member.id }))
          .send({})
      ).status,
    ).toBe(200);
    await scheduler.scan(new Date('2027-11-01T11:00:00Z'));
    expect(await reminders(member.id)).toEqual([]);
  });

  it('sends book-now when a window opens and again N working days before it closes, once each', async () => {
    const member = await reachableMember(t, fixture.office, { phone: null });
    const now = new Date();
    const opened = itemOf(member, 'follow-up');
    const closing = itemOf(member, 'cv-meeting');
    await t.db.query(`UPDATE programme_item SET window_start = $2, window_end = $3 WHERE id = $1`, [
      opened.id,
      new Date(now.getTime() - 86_400_000),
      new Date(now.getTime() + 40 * 86_400_000),
    ]);
    // Closes in two days: within three working days whatever weekday this runs on.
    await t.db.query(`UPDATE programme_item SET window_start = $2, window_end = $3, status = 'open' WHERE id = $1`, [
      closing.id,
      new Date(now.getTime() - 30 * 86_400_000),
      new Date(now.getTime() + 2 * 86_400_000),
    ]);
    await t.db.query(
      `UPDATE programme_item SET window_start = $2, window_end = $3 WHERE member_id = $1 AND id <> ALL($4::uuid[])`,
      [
        member.id,
        new Date(now.getTime() + 100 * 86_400_000),
        new Date(now.getTime() + 130 * 86_400_000),
        [opened.id, closing.id],
      ],
    );
    await scheduler.scan(now);
    await scheduler.scan(now);
    const rows = (await messagesOf(t, member.id)).map(
      (m) => `${m.event}:${m.payload.programmeItemId === opened.id ? 'opened' : 'closing'}:${m.channel}`,
    );
    expect(rows.sort()).toEqual([
      'book-now-closing:closing:email',
      'book-now-closing:closing:inbox',
      'book-now-open:opened:email',
      'book-now-open:opened:inbox',
    ]);
    const inbox = await t.http
      .get(`/api/members/${member.id}/inbox`)
      .set(t.auth({ role: 'member', subjectId: member.id }));
    expect(inbox.body.map((m: { subject: string }) => m.subject)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Husk at booke CV-samtale senest \d+\. \w+$/)]),
    );
  });
});
