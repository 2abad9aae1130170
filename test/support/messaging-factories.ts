import {
  adviserAt,
  CENTRAL,
  copenhagen,
  createMember,
  freeTime,
  itemOf,
  mainOffice,
  nextWeekday,
  type CreatedMember,
  type MainOffice,
} from './booking-factories.js';
import type { TestApp } from './test-app.js';

export interface MessageRow {
  id: string;
  event: string;
  channel: string;
  status: string;
  language: string;
  payload: Record<string, unknown>;
  bookingId: string | null;
}

export async function messagesOf(t: TestApp, memberId: string): Promise<MessageRow[]> {
  return t.db.query(
    `SELECT id::text, event, channel, status, language, payload, booking_id AS "bookingId" FROM message WHERE member_id = $1 ORDER BY id`,
    [memberId],
  );
}

/** A member who has an e-mail address and a phone, with an open follow-up item (window from today on). */
export async function reachableMember(
  t: TestApp,
  office: MainOffice,
  contact: { email?: string | null; phone?: string | null } = {},
): Promise<CreatedMember> {
  const member = await createMember(t, office, {
    firstUnemploymentDay: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
  });
  await t.db.query(`UPDATE member SET email = $2, phone = $3 WHERE id = $1`, [
    member.id,
    contact.email === undefined ? `m-${member.id.slice(0, 8)}@example.org` : contact.email,
    contact.phone === undefined ? '+45 20 30 40 50' : contact.phone,
  ]);
  return member;
}

export interface SlotFixture {
  office: MainOffice;
  adviser: { id: string; departmentId: string };
}

export async function slotFixture(t: TestApp, town = 'Aarhus'): Promise<SlotFixture> {
  const office = await mainOffice(t, town);
  return { office, adviser: await adviserAt(t, office.id, 1) };
}

/** Publishes a follow-up slot on a working day `fromDays` ahead (at `preferred` or the next free time). */
export async function publishFollowUpSlot(
  t: TestApp,
  fixture: SlotFixture,
  fromDays = 8,
  preferred = '10:00',
  minutes = 30,
) {
  const date = nextWeekday(2, fromDays);
  const start = copenhagen(
    date,
    await freeTime(t, fixture.office.id, date, minutes, { staffIds: [fixture.adviser.id], preferred }),
  );
  const end = new Date(new Date(start).getTime() + minutes * 60_000).toISOString();
  const response = await t.http
    .post(`/api/offices/${fixture.office.id}/slots`)
    .set(t.auth(CENTRAL))
    .send({ staffId: fixture.adviser.id, activityCodes: ['follow-up'], channel: 'in-person', start, end });
  if (response.status !== 201)
    throw new Error(`slot not published: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; start: string; end: string };
}

export async function bookFollowUp(t: TestApp, member: CreatedMember, slotId: string) {
  const response = await t.http
    .post('/api/bookings')
    .set(t.auth({ role: 'member', subjectId: member.id }))
    .send({ memberId: member.id, programmeItemId: itemOf(member, 'follow-up').id, slotId });
  if (response.status !== 201) throw new Error(`not booked: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string };
}
