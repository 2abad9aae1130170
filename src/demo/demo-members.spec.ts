import { addDays, localDate } from '../shared/time/index.js';
import { buildDemoHistory, DEMO_YEARLY_INFLOW } from './demo-history.js';
import { buildDemoCaseload, buildDemoMembers, DEMO_ACTIVE_MEMBERS, type DemoCaseload } from './demo-members.js';
import { buildDemoOrganisation } from './demo-organisation.js';
import { buildDemoSchedule } from './demo-schedule.js';

const TODAY = new Date('2026-11-23T09:00:00Z'); // a Monday

function caseload(seed: number): DemoCaseload {
  const organisation = buildDemoOrganisation(seed, 1);
  const history = buildDemoHistory(seed, organisation.offices, TODAY, 156, DEMO_YEARLY_INFLOW);
  const members = buildDemoMembers(seed, organisation.offices, history, TODAY, DEMO_ACTIVE_MEMBERS);
  const firstDay = members.reduce(
    (min, m) => (m.firstUnemploymentDay < min ? m.firstUnemploymentDay : min),
    localDate(TODAY),
  );
  const schedule = buildDemoSchedule({
    seed,
    organisation,
    fromDate: firstDay,
    toDate: addDays(localDate(TODAY), 8 * 7 - 1),
    closures: new Map(),
    absences: new Map(),
  });
  return buildDemoCaseload(seed, members, organisation.offices, schedule, TODAY, 8, new Map());
}

describe('demo members at every stage of their programme', () => {
  let demo: DemoCaseload;
  beforeAll(() => {
    demo = caseload(1);
  }, 120_000);

  it('has two members with done items whose CV meeting was held by an adviser, and something to book now', () => {
    expect(demo.showcase.doneWithCvAdviser).toHaveLength(2);
    for (const memberId of demo.showcase.doneWithCvAdviser) {
      const items = demo.items.filter((i) => i.memberId === memberId);
      expect(items.filter((i) => i.status === 'done').length).toBeGreaterThanOrEqual(2);
      expect(
        demo.bookings.some(
          (b) =>
            b.memberId === memberId && b.activityCode === 'cv-meeting' && b.status === 'attended' && b.slotId !== null,
        ),
      ).toBe(true);
      expect(items.some((i) => i.status === 'open' && i.windowStart <= TODAY && i.windowEnd > TODAY)).toBe(true);
    }
  });

  it('fills a group session and puts two members with an open item for it on its waiting list', () => {
    expect(demo.waitlist).toHaveLength(2);
    const session = demo.sessions.find((s) => s.id === demo.waitlist[0].sessionId)!;
    expect(session.booked).toBe(session.capacity);
    expect(demo.bookings.filter((b) => b.sessionId === session.id && b.status === 'booked')).toHaveLength(
      session.booked,
    );
    for (const entry of demo.waitlist) {
      const item = demo.items.find((i) => i.id === entry.itemId)!;
      expect(item).toMatchObject({ memberId: entry.memberId, activityCode: session.activityCode, status: 'open' });
      expect(item.windowStart.getTime()).toBeLessThanOrEqual(session.start);
      expect(item.windowEnd.getTime()).toBeGreaterThanOrEqual(session.end);
    }
    expect(demo.showcase.waitingList).toEqual(demo.waitlist.map((w) => w.memberId));
  });

  it('has members with an appointment tomorrow', () => {
    expect(demo.showcase.bookingTomorrow.length).toBeGreaterThan(0);
    for (const memberId of demo.showcase.bookingTomorrow) {
      expect(
        demo.bookings.some(
          (b) => b.memberId === memberId && b.status === 'booked' && localDate(new Date(b.start)) === '2026-11-24',
        ),
      ).toBe(true);
    }
  });

  it('has two yellow smileys with a service call for the CV adviser, and two red ones with a summons within 5 working days', () => {
    const yellow = demo.smileys.filter((s) => s.smiley === 'yellow');
    const red = demo.smileys.filter((s) => s.smiley === 'red');
    expect([yellow.length, red.length]).toEqual([2, 2]);
    for (const s of yellow)
      expect(s.serviceCall).toMatchObject({ staffNumber: expect.any(String), dueDate: '2026-11-25' });
    for (const s of red) {
      const summons = demo.items.filter(
        (i) => i.memberId === s.memberId && i.activityCode === 'summons' && i.origin === 'smiley',
      );
      expect(summons).toHaveLength(1);
      expect(summons[0].windowEnd.toISOString()).toBe('2026-11-30T23:00:00.000Z');
    }
    const everyone = [
      ...demo.showcase.doneWithCvAdviser,
      ...demo.showcase.bookingTomorrow,
      ...demo.showcase.waitingList,
      ...demo.showcase.yellowSmiley,
      ...demo.showcase.redSmiley,
    ];
    expect(new Set(everyone).size).toBe(everyone.length);
  });

  it('is the same for the same seed (and the rest of the caseload is as without the showcase)', () => {
    const again = caseload(1);
    expect(again.showcase).toEqual(demo.showcase);
    expect(again.waitlist).toEqual(demo.waitlist);
    expect(again.bookings.length).toBe(demo.bookings.length);
  }, 120_000);
});
