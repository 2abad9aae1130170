import type { Page } from 'playwright-core';
import {
  CENTRAL,
  copenhagen,
  dateFromToday,
  freeStartBefore,
  freeTime,
  isDayOff,
} from '../support/booking-factories.js';
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

// An adviser's journey in Chromium: the office week as a time grid (now line, mine/all, events in time order,
// the booked member named), attendance on a one-to-one meeting from the event's action menu and corrected once,
// and publishing a weekly pattern after its preview. Screenshots at 1440 and 390 px; axe on each page.

const describeBrowser = browserTestsSkipped ? describe.skip : describe;
const BROWSER_TIMEOUT = 240_000;

interface Office {
  id: string;
  name: string;
  town: string;
  kind: string;
  municipalityCode: string;
  departmentId: string;
}

/** The page's document, reached through globalThis (the test code compiles without the DOM library). */
type Doc = { querySelector(s: string): unknown };

describeBrowser('adviser journey in Chromium', () => {
  let t: TestApp;
  let base: string;
  let app: BrowserApp;
  let office: Office;
  let offices: Office[];
  let adviser: { id: string };

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ t, base } = app);
    // An adviser the sign-in page offers (the demo people), at their own office.
    const people = (await t.http.get('/api/demo/people').query({ role: 'adviser' })).body as {
      subjectId: string;
      officeName: string;
    }[];
    offices = (await t.http.get('/api/offices').set(t.auth(CENTRAL))).body as Office[];
    const person = people[people.length - 1];
    office = offices.find((o) => o.name === person.officeName)!;
    adviser = { id: person.subjectId };
  }, BROWSER_TIMEOUT);

  afterAll(() => app?.close());

  const openContext = (viewport?: { width: number; height: number }) => openDanishPage(app.browser, viewport);

  async function signInAsAdviser(page: Page): Promise<void> {
    await signInDemo(page, base, 'adviser', adviser.id);
    await page.getByRole('heading', { name: 'Kontorets uge', level: 1 }).waitFor();
  }

  async function check(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    const violations = await axeSerious(page);
    expect({ page: name, violations }).toEqual({ page: name, violations: [] });
  }

  /** Every day column's events start in time order (the DOM order is the reading order). */
  async function eventsInTimeOrder(page: Page): Promise<boolean> {
    return page.evaluate(() => {
      const d = (
        globalThis as unknown as {
          document: {
            querySelectorAll(
              s: string,
            ): ArrayLike<{ querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> }>;
          };
        }
      ).document;
      return Array.from(d.querySelectorAll('[data-testid="week-grid"] .entries')).every((list) => {
        const starts = Array.from(list.querySelectorAll(':scope > li[data-start]')).map(
          (li) => li.getAttribute('data-start') ?? '',
        );
        return starts.every((s, i) => i === 0 || starts[i - 1] <= s);
      });
    });
  }

  it(
    'the week as a time grid: now line, mine/all, the booked member named; attendance from the action menu, corrected once',
    async () => {
      const created = await t.http
        .post('/api/members')
        .set(t.auth(CENTRAL))
        .send({
          memberNumber: `E2E-A-${Date.now().toString(36)}`,
          name: 'Arne Attendsen',
          municipalityCode: office.municipalityCode,
          homeOfficeId: office.id,
          firstUnemploymentDay: dateFromToday(-40),
          targetGroup: 'low-risk',
        });
      expect(created.status).toBe(201);
      const programme = await t.http.get(`/api/members/${created.body.id}/programme`).set(t.auth(CENTRAL));
      const item = programme.body.items.find((i: { activityCode: string }) => i.activityCode === 'follow-up') as {
        id: string;
      };
      // A meeting that began two hours ago or, when the adviser's demo slots hold that time, at the latest free
      // quarter hour before (written straight to the database: the API books only future times).
      const start = await freeStartBefore(t, [adviser.id], new Date(Date.now() - 2 * 3_600_000), 30);
      const [slot] = await t.db.query(
        `INSERT INTO slot (office_id, staff_id, activity_codes, channel, during, status)
       VALUES ($1, $2, '{follow-up}', 'in-person', tstzrange($3, $3::timestamptz + interval '30 minutes'), 'open')
       RETURNING id, lower(during) AS start`,
        [office.id, adviser.id, start],
      );
      const [booking] = await t.db.query(
        `INSERT INTO booking (member_id, programme_item_id, slot_id, office_id, activity_code, channel, during, status, booked_by_role)
       SELECT $1, $2, s.id, s.office_id, 'follow-up', 'in-person', s.during, 'booked', 'adviser' FROM slot s WHERE s.id = $3 RETURNING id`,
        [created.body.id, item.id, slot.id],
      );
      await t.db.query(`UPDATE programme_item SET status = 'booked' WHERE id = $1`, [item.id]);
      const localDate = (d: Date) =>
        new Intl.DateTimeFormat('en-CA', {
          timeZone: 'Europe/Copenhagen',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
        }).format(d);
      const slotDay = localDate(slot.start as Date);
      const weekday = new Date(`${slotDay}T12:00:00Z`).getUTCDay() || 7;
      const monday = new Date(Date.parse(`${slotDay}T12:00:00Z`) - (weekday - 1) * 86_400_000)
        .toISOString()
        .slice(0, 10);

      const { context, page, problems } = await openContext();
      await signInAsAdviser(page);
      await page.goto(`${base}/app/office?office=${office.id}&week=${monday}`);
      const grid = page.getByTestId('week-grid');
      const entry = grid.locator(`[data-slot-id="${slot.id}"]`);
      await entry.waitFor();
      // Mine is the adviser's start; the booked member is named with their number.
      expect(await page.getByRole('button', { name: 'Mine', exact: true }).getAttribute('aria-pressed')).toBe('true');
      await entry.getByText(`Arne Attendsen (${created.body.memberNumber})`, { exact: true }).waitFor();
      if (slotDay === localDate(new Date())) {
        // The now line is drawn only while now lies within the grid's hours (its hour labels: first … last − 1).
        const labels = await grid.locator('.time-grid-hours .hour-label').allTextContents();
        const first = Number(labels[0].slice(0, 2));
        const last = Number(labels[labels.length - 1].slice(0, 2)) + 1;
        const [hour, minute] = new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Europe/Copenhagen',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        })
          .format(new Date())
          .split(':')
          .map(Number);
        const nowMinutes = hour * 60 + minute;
        if (nowMinutes >= first * 60 && nowMinutes <= last * 60) await grid.getByTestId('now-line').waitFor();
        else expect(await grid.getByTestId('now-line').count()).toBe(0);
      }
      expect(await eventsInTimeOrder(page)).toBe(true);
      // Only the adviser's own slots in "mine".
      const staffIds = await t.db.query(`SELECT DISTINCT staff_id FROM slot WHERE id = ANY($1::uuid[])`, [
        await grid
          .locator('[data-slot-id]')
          .evaluateAll((els) =>
            els.map((e) => (e as unknown as { getAttribute(n: string): string }).getAttribute('data-slot-id')),
          ),
      ]);
      expect(staffIds.map((r: { staff_id: string }) => r.staff_id)).toEqual([adviser.id]);
      await check(page, '30-adviser-time-grid');

      // A past meeting: the menu offers attendance, never cancel.
      const menuButton = entry.getByRole('button', { name: /^Handlinger: .*Arne Attendsen/ });
      await menuButton.click();
      const attended = entry.getByRole('button', { name: 'Mødt', exact: true });
      const noShow = entry.getByRole('button', { name: 'Udeblevet', exact: true });
      await attended.waitFor();
      /** The menu closes when the grid re-renders (a refetch, the now line moving): open it again before a click. */
      const clickInMenu = async (button: typeof attended) => {
        for (let attempt = 1; ; attempt++) {
          if (!(await button.isVisible())) await menuButton.click();
          try {
            await button.click({ timeout: 5_000 });
            return;
          } catch (error) {
            if (attempt === 3) throw error;
          }
        }
      };
      expect(await entry.getByRole('button', { name: /Aflys/ }).count()).toBe(0);
      await check(page, '31-adviser-action-menu');
      await clickInMenu(attended);
      await page.waitForFunction(
        (id) =>
          (globalThis as unknown as { document: Doc }).document.querySelector(
            `[data-slot-id="${id}"].entry-attended`,
          ) !== null,
        slot.id,
      );
      expect(await attended.getAttribute('aria-pressed')).toBe('true');
      // Corrected once: attended → no-show; pressing the pressed state again is no error.
      await clickInMenu(noShow);
      await page.waitForFunction(
        (id) =>
          (globalThis as unknown as { document: Doc }).document.querySelector(
            `[data-slot-id="${id}"].entry-no-show`,
          ) !== null,
        slot.id,
      );
      expect(await noShow.getAttribute('aria-pressed')).toBe('true');
      await clickInMenu(noShow);
      await page.waitForTimeout(500);
      expect(await page.getByRole('alert').count()).toBe(0);
      const audit = await t.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`, [booking.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['attended', 'attendance-corrected']);
      await page.keyboard.press('Escape');

      // Everyone's times at the office, still in time order.
      const mine = await grid.locator('[data-slot-id]').count();
      await page.getByRole('button', { name: 'Alle', exact: true }).click();
      await page.locator('.segmented button[aria-pressed="true"]', { hasText: 'Alle' }).waitFor();
      expect(await grid.locator('[data-slot-id]').count()).toBeGreaterThanOrEqual(mine);
      expect(await eventsInTimeOrder(page)).toBe(true);
      await check(page, '32-adviser-time-grid-all');

      // On a phone: a list per day, the same menu.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${base}/app/office?office=${office.id}&week=${monday}`);
      await grid.locator('.day-list, .entries').first().waitFor();
      await entry.getByText('Udeblevet').first().waitFor();
      await check(page, '33-adviser-day-list-phone');
      expect(problems).toEqual([]);
      await context.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'publishes a weekly pattern after its preview; times published before show as "allerede udgivet"; a changed form clears the result',
    async () => {
      // A week about ten weeks ahead (beyond the demo schedule) with no day off from Monday to Friday.
      const addDays = (date: string, n: number) =>
        new Date(Date.parse(`${date}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
      const monday = (() => {
        for (let d = 70; d < 70 + 8 * 7; d++) {
          const date = dateFromToday(d);
          if (
            new Date(`${date}T12:00:00Z`).getUTCDay() === 1 &&
            [0, 1, 2, 3, 4].every((k) => !isDayOff(addDays(date, k)))
          )
            return date;
        }
        throw new Error('unreachable');
      })();

      const { context, page, problems } = await openContext();
      await signInAsAdviser(page);
      await page.getByRole('link', { name: 'Udgiv tider' }).first().click();
      await page.getByRole('heading', { name: 'Udgiv tider', level: 1 }).waitFor();
      await page.getByLabel('Medarbejder').selectOption(adviser.id);
      await page.getByLabel('Fra dato').fill(monday);
      await page.getByLabel('Til dato').fill(addDays(monday, 4));
      // Monday and Wednesday 09–12 in 60-minute slots by default: three a day.
      const preview = page.getByTestId('pattern-preview');
      await preview.getByText('Mønstret giver 6 tider.').waitFor();
      expect(await preview.locator(`tr[data-date="${monday}"] td`).first().textContent()).toBe('3');
      expect(
        await preview
          .locator(`tr[data-date="${addDays(monday, 2)}"] td`)
          .first()
          .textContent(),
      ).toBe('3');
      expect(
        await t.db.query(`SELECT 1 FROM slot WHERE staff_id = $1 AND during && tstzrange($2::date, $3::date)`, [
          adviser.id,
          monday,
          addDays(monday, 5),
        ]),
      ).toHaveLength(0);
      await check(page, '34-adviser-publish-preview');

      const [publishResponse] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/slots/bulk') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Udgiv tider' }).last().click(),
      ]);
      expect(((await publishResponse.json()) as { created: number }).created).toBe(6);
      await page.getByTestId('publish-result').getByText('6 tider er udgivet.').waitFor();
      // The preview now says what publishing again would do: nothing, the times are already published.
      await preview.getByText('Mønstret giver 0 tider.').waitFor();
      await preview
        .getByText(/09\.00, 10\.00, 11\.00 – allerede udgivet/)
        .first()
        .waitFor();
      expect(await page.getByText('medarbejderen er optaget').count()).toBe(0);
      await check(page, '35-adviser-publish-result');

      // Publishing the same pattern again reports the times as already published, once per day.
      await page.getByRole('button', { name: 'Udgiv tider' }).last().click();
      await page.getByTestId('publish-result').getByText('0 tider er udgivet.').waitFor();
      const skipped = page.getByTestId('publish-skipped').getByRole('listitem');
      expect(await skipped.count()).toBe(2);
      expect(await skipped.first().textContent()).toMatch(/09\.00, 10\.00, 11\.00 – allerede udgivet$/);

      // A changed form is a new pattern: the old result goes.
      await page.getByLabel('Til dato').fill(addDays(monday, 2));
      await page.getByTestId('publish-result').waitFor({ state: 'detached' });
      await page.setViewportSize({ width: 390, height: 844 });
      await preview.getByText('Mønstret giver 0 tider.').waitFor();
      await check(page, '36-adviser-publish-phone');
      expect(problems).toEqual([]);
      await context.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'session page: participants in one request, named one way, also a member of another department',
    async () => {
      const sessionDate = (() => {
        for (let d = 23; d < 23 + 28; d++) {
          const date = dateFromToday(d);
          if (new Date(`${date}T12:00:00Z`).getUTCDay() === 3 && !isDayOff(date)) return date;
        }
        throw new Error('unreachable');
      })();
      const firstDay = new Date(Date.parse(`${sessionDate}T12:00:00Z`) - 16 * 86_400_000).toISOString().slice(0, 10);
      const members: { id: string; memberNumber: string; name: string }[] = [];
      for (const name of ['Sara Sessionsen', 'Bo Bortflyttet']) {
        const created = await t.http
          .post('/api/members')
          .set(t.auth(CENTRAL))
          .send({
            memberNumber: `E2E-S-${Date.now().toString(36)}-${members.length}`,
            name,
            municipalityCode: office.municipalityCode,
            homeOfficeId: office.id,
            firstUnemploymentDay: firstDay,
            targetGroup: 'it',
            basicItNeeds: true,
          });
        expect(created.status).toBe(201);
        members.push(created.body);
      }
      const detail = (await t.http.get(`/api/offices/${office.id}`).set(t.auth(CENTRAL))).body as {
        rooms: { id: string; name: string; seats: number }[];
      };
      const leaders = (
        (await t.http.get('/api/staff').query({ officeId: office.id, role: 'adviser' }).set(t.auth(CENTRAL))).body as {
          id: string;
          skills: string[];
        }[]
      ).filter((a) => a.skills.includes('netcafe'));
      const room = detail.rooms.find((r) => r.name === 'Netcafé') ?? detail.rooms.find((r) => r.seats >= 4)!;
      const leader = leaders[0];
      const time = await freeTime(t, office.id, sessionDate, 120, {
        staffIds: [leader.id],
        roomId: room.id,
        preferred: '12:00',
      });
      const session = await t.http
        .post(`/api/offices/${office.id}/sessions`)
        .set(t.auth(CENTRAL))
        .send({
          activityCode: 'netcafe',
          roomId: room.id,
          leaderIds: [leader.id],
          start: copenhagen(sessionDate, time),
        });
      if (session.status !== 201) throw new Error(JSON.stringify(session.body));
      for (const member of members) {
        const programme = await t.http.get(`/api/members/${member.id}/programme`).set(t.auth(CENTRAL));
        const item = programme.body.items.find((i: { activityCode: string }) => i.activityCode === 'netcafe');
        const booked = await t.http
          .post('/api/bookings')
          .set(t.auth(CENTRAL))
          .send({ memberId: member.id, programmeItemId: item.id, sessionId: session.body.id });
        expect(booked.status).toBe(201);
      }
      // Bo has moved to another department's office since booking: his member record is out of the adviser's reach.
      const away = offices.find((o) => o.departmentId !== office.departmentId && o.kind === 'main')!;
      await t.db.query(`UPDATE member SET home_office_id = $2 WHERE id = $1`, [members[1].id, away.id]);

      const { context, page, problems } = await openContext();
      await signInAsAdviser(page);
      const requests: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/api/')) requests.push(new URL(request.url()).pathname);
      });
      await page.goto(`${base}/app/office/sessions/${session.body.id}?office=${office.id}`);
      const table = page.getByTestId('participants');
      for (const member of members)
        await table.getByRole('cell', { name: `${member.name} (${member.memberNumber})`, exact: true }).waitFor();
      expect(requests.filter((r) => r.endsWith('/participants'))).toEqual([
        `/api/sessions/${session.body.id}/participants`,
      ]);
      expect(requests.filter((r) => r.startsWith('/api/members'))).toEqual([]);
      await check(page, '37-adviser-session-participants');
      await page.setViewportSize({ width: 390, height: 844 });
      await check(page, '38-adviser-session-participants-phone');
      expect(problems).toEqual([]);
      await context.close();
    },
    BROWSER_TIMEOUT,
  );
});
