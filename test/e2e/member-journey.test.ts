import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { CENTRAL, copenhagen, dateFromToday, freeTime, isDayOff } from '../support/booking-factories.js';
import type { TestApp } from '../support/test-app.js';
import {
  axeSerious,
  browserTestsSkipped,
  openDanishPage,
  screenshot,
  signInDemo,
  startBrowserApp,
  type BrowserApp,
} from './support/browser.js';

// A member's journey in Chromium: book an item that is not `next` from the timeline, land on the confirmation,
// open the booking page, add it to the calendar (.ics), move it with one click, and meet a Danish error.

const describeBrowser = browserTestsSkipped ? describe.skip : describe;
const BROWSER_TIMEOUT = 240_000;

interface Office {
  id: string;
  name: string;
  town: string;
  kind: string;
  municipalityCode: string;
}

describeBrowser('member journey in Chromium', () => {
  let app: BrowserApp;
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ t, base } = app);
  }, BROWSER_TIMEOUT);

  afterAll(() => app?.close());

  const openContext = (viewport?: { width: number; height: number }) => openDanishPage(app.browser, viewport);

  async function signInAsMember(page: Page, memberId: string): Promise<void> {
    await signInDemo(page, base, 'member', memberId);
    await page.getByRole('heading', { name: 'Mit forløb', level: 1 }).waitFor();
  }

  async function check(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    const violations = await axeSerious(page);
    expect({ page: name, violations }).toEqual({ page: name, violations: [] });
  }

  it(
    'books an item that is not next, sees the booking page, downloads its .ics, moves it, and reads a Danish error',
    async () => {
      // A main office the other browser tests leave alone (they take the first ones).
      const offices = (
        (await t.http.get('/api/offices').query({ kind: 'main' }).set(t.auth(CENTRAL))).body as Office[]
      ).sort((a, b) => a.name.localeCompare(b.name));
      const office = offices[offices.length - 1];
      const advisers = await t.http
        .get('/api/staff')
        .query({ officeId: office.id, role: 'adviser' })
        .set(t.auth(CENTRAL));
      const adviser = advisers.body[0] as { id: string; name: string };
      const published = await t.http
        .post(`/api/offices/${office.id}/slots/bulk`)
        .set(t.auth(CENTRAL))
        .send({
          staffId: adviser.id,
          activityCodes: ['follow-up'],
          channel: 'in-person',
          from: dateFromToday(2),
          to: dateFromToday(16),
          pattern: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '14:00', end: '15:00', slotMinutes: 30 })),
        });
      expect(published.status).toBe(201);
      expect(published.body.slotIds.length).toBeGreaterThan(4);
      // Week 9 of unemployment: the availability meeting is next; the follow-up (weeks 4–13) is open too.
      const created = await t.http
        .post('/api/members')
        .set(t.auth(CENTRAL))
        .send({
          memberNumber: `E2E-J-${Date.now().toString(36)}`,
          name: 'Jonna Journeysen',
          municipalityCode: office.municipalityCode,
          homeOfficeId: office.id,
          firstUnemploymentDay: dateFromToday(-59),
          targetGroup: 'low-risk',
        });
      expect(created.status).toBe(201);
      const memberId = created.body.id as string;
      const asMember = t.auth({ role: 'member', subjectId: memberId });

      const { context, page, problems } = await openContext();
      await page.goto(`${base}/app/`);
      await page.getByRole('heading', { name: 'Log ind', level: 1 }).waitFor();
      await page.locator('input[name=role][value=member]').check();
      await page.locator('select[disabled]').waitFor({ state: 'detached' });
      await page.getByLabel('Person').selectOption(memberId);
      await page.getByRole('button', { name: 'Log ind' }).click();
      await page.getByRole('heading', { name: 'Mit forløb', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Næste skridt: Rådighedssamtale' }).waitFor();

      // Book the follow-up from the timeline (it is not `next`).
      const followUp = page.getByTestId('timeline').locator('li', { hasText: 'Jobopfølgning' });
      await followUp.getByRole('button', { name: 'Book Jobopfølgning' }).click();
      const picker = followUp.getByTestId('time-picker');
      await picker.getByRole('group', { name: 'Dage med ledige tider' }).waitFor();
      // In person (the demo's first free time may be by phone): the booking page's address and map link are checked below.
      await picker.getByLabel('Mødeform').selectOption('in-person');
      const firstDay = picker.getByRole('group', { name: 'Dage med ledige tider' }).getByRole('button').first();
      expect(await firstDay.getAttribute('aria-pressed')).toBe('true');
      expect(await firstDay.textContent()).toMatch(/\d+ tider|1 tid/);
      const firstOption = picker.getByTestId('options').getByRole('button').first();
      // The button says when and where, not just "Book".
      expect(await firstOption.getAttribute('aria-label')).toMatch(
        /^Book \S+dag den \d+\. \S+ \d{4} kl\. \d\d\.\d\d, Metal [^,]+, fremmøde$/,
      );
      await check(page, '20-member-time-picker');
      await firstOption.click();
      const confirmation = page.getByTestId('member-message');
      await confirmation.getByText(/Du er booket/).waitFor();
      await page.waitForFunction(
        () =>
          (
            globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }
          ).document.activeElement?.getAttribute('data-testid') === 'member-message',
      );
      await followUp.getByText('Booket', { exact: true }).waitFor();
      await check(page, '21-member-booked-confirmation');

      const programme = await t.http.get(`/api/members/${memberId}/programme`).set(asMember);
      const item = programme.body.items.find((i: { activityCode: string }) => i.activityCode === 'follow-up');
      expect(item.status).toBe('booked');
      const bookingId = item.booking.id as string;
      expect(programme.body.next.activityCode).toBe('availability-meeting');

      // The booking page.
      await confirmation.getByRole('link', { name: 'Se din booking' }).click();
      await page.getByRole('heading', { name: 'Jobopfølgning', level: 1 }).waitFor();
      expect(page.url()).toBe(`${base}/app/bookings/${bookingId}`);
      const details = (await t.http.get(`/api/bookings/${bookingId}/details`).set(asMember)).body as {
        office: { name: string };
        staff: { firstName: string }[];
      };
      const [staff] = await t.db.query(
        `SELECT st.name FROM booking b JOIN slot s ON s.id = b.slot_id JOIN staff st ON st.id = s.staff_id WHERE b.id = $1`,
        [bookingId],
      );
      await page.getByText(`${staff.name.split(' ')[0]}, rådgiver`).waitFor();
      expect(details.staff[0].firstName).toBe(staff.name.split(' ')[0]);
      expect(await page.getByText(staff.name).count()).toBe(0);
      await page.getByRole('link', { name: `Vis ${details.office.name} på kort` }).waitFor();
      await page.getByText('Du kan flytte eller aflyse, indtil mødet begynder').waitFor();
      await check(page, '22-booking-page');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Tilføj til kalender' }).click(),
      ]);
      const ics = readFileSync((await download.path())!, 'utf8');
      const [row] = await t.db.query(`SELECT ical_uid, ical_sequence FROM booking WHERE id = $1`, [bookingId]);
      expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
      expect(ics).toContain(`UID:${row.ical_uid}`);
      expect(download.suggestedFilename()).toMatch(/\.ics$/);

      // Move it with one click: the same booking, another time.
      const before = (await t.http.get(`/api/bookings/${bookingId}`).set(asMember)).body as { slotId: string };
      await page.getByRole('button', { name: 'Flyt', exact: true }).click();
      const movePicker = page.getByTestId('time-picker');
      await movePicker.getByText('Din nuværende tid beholdes, indtil den nye er bekræftet.').waitFor();
      const moveTo = movePicker.getByTestId('options').getByRole('button').first();
      expect(await moveTo.getAttribute('aria-label')).toMatch(/^Flyt hertil: /);
      await moveTo.click();
      await page
        .getByTestId('booking-message')
        .getByText(/Dit møde er flyttet til/)
        .waitFor();
      const after = (await t.http.get(`/api/bookings/${bookingId}`).set(asMember)).body as {
        slotId: string;
        status: string;
      };
      expect(after.status).toBe('booked');
      expect(after.slotId).not.toBe(before.slotId);

      // A Danish error: the office cancels the time the member is about to choose.
      await page.getByRole('button', { name: 'Flyt', exact: true }).click();
      const option = page.getByTestId('time-picker').getByTestId('options').locator('li').first();
      const slotId = (await option.getAttribute('data-option-id'))!;
      expect((await t.http.delete(`/api/slots/${slotId}`).set(t.auth(CENTRAL)).send({})).status).toBe(200);
      await option.getByRole('button').click();
      const alert = page.getByRole('alert');
      await alert.getByText('Kontoret har aflyst den tid.').waitFor();
      expect(await alert.textContent()).not.toMatch(/cancelled by the office/);
      await check(page, '23-booking-danish-error');
      const still = (await t.http.get(`/api/bookings/${bookingId}`).set(asMember)).body as { slotId: string };
      expect(still.slotId).toBe(after.slotId);

      // "Lav nyt link" breaks the old subscription, so it asks first.
      await page.getByRole('link', { name: 'Tilbage til Mit forløb' }).click();
      await page.getByRole('heading', { name: 'Mit forløb', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Hent kalenderlink' }).click();
      await page.getByTestId('feed-links').waitFor();
      await page.getByRole('button', { name: 'Lav nyt link' }).click();
      const rotate = page.getByRole('dialog', { name: 'Lav et nyt link?' });
      await rotate.waitFor();
      await check(page, '25-member-rotate-link-dialog');
      const linksBefore = (
        await t.http.get('/api/calendar/feeds').query({ kind: 'member', subjectId: memberId }).set(asMember)
      ).body as { rotatedAt: string | null }[];
      await rotate.getByRole('button', { name: 'Nej, behold' }).click();
      await rotate.waitFor({ state: 'hidden' });
      const linksAfter = (
        await t.http.get('/api/calendar/feeds').query({ kind: 'member', subjectId: memberId }).set(asMember)
      ).body as { rotatedAt: string | null }[];
      expect(linksAfter).toEqual(linksBefore);
      await page.goto(`${base}/app/bookings/${bookingId}`);

      await page.setViewportSize({ width: 390, height: 844 });
      await page.reload();
      await page.getByRole('heading', { name: 'Jobopfølgning', level: 1 }).waitFor();
      await check(page, '24-booking-page-phone');
      expect(problems).toEqual([]);
      await context.close();
    },
    BROWSER_TIMEOUT,
  );
  it(
    'joins the waiting list of a full session, sees the place in line, and then the seat it got',
    async () => {
      const offices = (
        (await t.http.get('/api/offices').query({ kind: 'main' }).set(t.auth(CENTRAL))).body as Office[]
      ).sort((a, b) => a.name.localeCompare(b.name));
      const office = offices[offices.length - 2];
      const detail = (await t.http.get(`/api/offices/${office.id}`).set(t.auth(CENTRAL))).body as {
        rooms: { id: string; name: string; seats: number }[];
      };
      const room = detail.rooms.find((r) => r.name === 'Netcafé') ?? detail.rooms.find((r) => r.seats >= 4)!;
      const staff = (
        await t.http.get('/api/staff').query({ officeId: office.id, role: 'adviser' }).set(t.auth(CENTRAL))
      ).body as { id: string; skills: string[] }[];
      const leader = staff.find((s) => s.skills.includes('netcafe'))!;
      // Week 3 of unemployment (the netcafé's week) has begun; the session is later in it.
      const member = (name: string) =>
        t.http
          .post('/api/members')
          .set(t.auth(CENTRAL))
          .send({
            memberNumber: `E2E-W-${name}-${Date.now().toString(36)}`,
            name: `${name} Ventesen`,
            municipalityCode: office.municipalityCode,
            homeOfficeId: office.id,
            firstUnemploymentDay: dateFromToday(-15),
            targetGroup: 'it',
            basicItNeeds: true,
          });
      const [a, b, waiting] = [(await member('Anna')).body, (await member('Bo')).body, (await member('Vera')).body] as {
        id: string;
      }[];
      const programme = await t.http.get(`/api/members/${waiting.id}/programme`).set(t.auth(CENTRAL));
      const netcafe = programme.body.items.find((i: { activityCode: string }) => i.activityCode === 'netcafe') as {
        id: string;
        windowEnd: string;
      };
      let date = dateFromToday(1);
      while (isDayOff(date) || [0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay()))
        date = new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      const time = await freeTime(t, office.id, date, 120, {
        staffIds: [leader.id],
        roomId: room.id,
        preferred: '10:00',
      });
      const start = copenhagen(date, time);
      expect(Date.parse(start) + 120 * 60_000).toBeLessThanOrEqual(Date.parse(netcafe.windowEnd));
      const session = await t.http
        .post(`/api/offices/${office.id}/sessions`)
        .set(t.auth(CENTRAL))
        .send({
          activityCode: 'netcafe',
          roomId: room.id,
          leaderIds: [leader.id],
          start,
          capacity: 2,
          minParticipants: 2,
        });
      expect(session.status).toBe(201);
      const seat = async (m: { id: string }) => {
        const items = (await t.http.get(`/api/members/${m.id}/programme`).set(t.auth(CENTRAL))).body.items as {
          id: string;
          activityCode: string;
        }[];
        return t.http
          .post('/api/bookings')
          .set(t.auth(CENTRAL))
          .send({
            memberId: m.id,
            programmeItemId: items.find((i) => i.activityCode === 'netcafe')!.id,
            sessionId: session.body.id,
          });
      };
      const seatA = await seat(a);
      expect(seatA.status).toBe(201);
      expect((await seat(b)).status).toBe(201);

      const { context, page, problems } = await openContext();
      await signInAsMember(page, waiting.id);
      await page.getByRole('heading', { name: 'Næste skridt: Netcafé – Kom godt i gang med IT' }).waitFor();
      const full = page.getByTestId('full-sessions').locator(`li[data-session-id="${session.body.id}"]`);
      await full.getByRole('button', { name: /^Skriv mig på ventelisten: / }).click();
      await full.getByText('Du er nr. 1 på ventelisten').waitFor();
      await page
        .getByTestId('timeline')
        .getByTestId('waitlist-place')
        .getByText('Du er nr. 1 på ventelisten')
        .waitFor();
      await check(page, '26-member-waitlist');

      // A seat frees: the first in line gets it, and the timeline says so.
      expect(
        (
          await t.http
            .post(`/api/bookings/${seatA.body.id}/cancel`)
            .set(t.auth({ role: 'member', subjectId: a.id }))
            .send({})
        ).status,
      ).toBe(200);
      await page.reload();
      const item = page.getByTestId('timeline').locator('li', { hasText: 'Netcafé' });
      await item.getByText('Du fik en plads fra ventelisten').waitFor();
      await item.getByRole('link', { name: /^Se booking/ }).click();
      await page.getByRole('heading', { name: 'Netcafé – Kom godt i gang med IT', level: 1 }).waitFor();
      await page.getByText(`Lokale: ${room.name}`).waitFor();
      await check(page, '27-member-seat-from-waitlist');
      expect(problems).toEqual([]);
      await context.close();
    },
    BROWSER_TIMEOUT,
  );
});
