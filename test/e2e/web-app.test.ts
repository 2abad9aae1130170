import type { Page } from 'playwright-core';
import { CENTRAL, copenhagen, dateFromToday, isDayOff } from '../support/booking-factories.js';
import type { TestApp } from '../support/test-app.js';
import {
  axeSerious,
  browserTestsSkipped,
  chromiumPath,
  openDanishPage,
  screenshot,
  signInDemo,
  startBrowserApp,
  type AxeViolation,
  type BrowserApp,
} from './support/browser.js';

// The web app at /app in headless Chromium against the real service and the per-run test database.
// Coordinator, local office and member journeys; an axe-core scan and a screenshot of every page.

const describeBrowser = browserTestsSkipped ? describe.skip : describe;
const BROWSER_TIMEOUT = 180_000;

/** Offices the integration tests use; the browser tests keep to others so their data never meets. */
const INTEGRATION_TOWNS = new Set(['Aalborg', 'Aarhus', 'Odense', 'Rønne', 'Svendborg']);

interface Office {
  id: string;
  name: string;
  town: string;
  kind: string;
  municipalityCode: string;
}

describeBrowser('web app in Chromium', () => {
  let app: BrowserApp;
  let t: TestApp;
  let base: string;
  const axeResults: Record<string, AxeViolation[]> = {};

  beforeAll(async () => {
    // Workers on: the optimiser runs on its BullMQ queue.
    app = await startBrowserApp({ env: () => ({ RUN_WORKERS: 'true' }) });
    ({ t, base } = app);
  }, BROWSER_TIMEOUT);

  afterAll(() => app?.close());

  const openContext = (viewport = { width: 1280, height: 900 }) => openDanishPage(app.browser, viewport);
  const signIn = (page: Page, role: string, subjectId?: string) => signInDemo(page, base, role, subjectId);

  /** Screenshot plus axe scan of the page as it is now. */
  async function check(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    axeResults[name] = await axeSerious(page);
    expect({ page: name, violations: axeResults[name] }).toEqual({ page: name, violations: [] });
  }

  async function officeByTown(exclude: Set<string>): Promise<Office> {
    const offices = await t.http.get('/api/offices').query({ kind: 'main' }).set(t.auth(CENTRAL));
    const office = (offices.body as Office[]).find((o) => !exclude.has(o.town));
    if (!office) throw new Error('no free office for the browser tests');
    return office;
  }

  it('serves the app at /app with its own scripts allowed by the CSP, and leaves the API alone', async () => {
    const page = await t.http.get('/app/member');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect((await t.http.get('/api/offices')).status).toBe(401);
    expect((await t.http.get('/health')).status).toBe(200);
    expect((await t.http.get('/docs/openapi.json')).status).toBe(200);
    expect((await t.http.get('/app/assets/missing.js')).status).toBe(404);
  });

  it(
    'sign-in page: roles and people to pick, in Danish with an English switch',
    async () => {
      const { context, page, problems } = await openContext();
      await page.goto(`${base}/app/`);
      await page.getByRole('heading', { name: 'Log ind', level: 1 }).waitFor();
      await check(page, '01-sign-in');
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await screenshot(page, '01-sign-in-english');
      await page.getByRole('button', { name: 'Skift til dansk' }).click();
      await page.getByRole('heading', { name: 'Log ind', level: 1 }).waitFor();
      expect(problems).toEqual([]);
      await context.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'coordinator: heatmap with drill-down and CSV, forecast chart, optimiser and KPIs (or "not available yet")',
    async () => {
      const { context, page, problems } = await openContext();
      await signIn(page, 'central-coordinator');
      const heatmap = page.getByTestId('heatmap');
      await heatmap.waitFor({ timeout: 60_000 });
      expect(await heatmap.locator('tbody tr').count()).toBeGreaterThan(10);
      const firstOffice = heatmap.locator('tbody th button').first();
      const officeName = (await firstOffice.textContent())!;
      await firstOffice.click();
      await page.getByRole('heading', { name: `${officeName}: aktiviteter` }).waitFor();
      await check(page, '02-coordinator-capacity');

      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Hent til Excel (CSV)' }).click(),
      ]);
      const csvPath = await csv.path();
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(csvPath, 'utf8').split('\n')[0]).toMatch(/office/i);

      await page.getByRole('link', { name: 'Prognose' }).click();
      await page.locator('[data-testid=forecast-chart] .recharts-line').first().waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Vis som tabel' }).click();
      await page.getByRole('region', { name: 'Prognosen som tabel' }).waitFor();
      await check(page, '03-coordinator-forecast');

      await page.getByRole('link', { name: 'Optimering' }).click();
      await page.getByRole('heading', { name: 'Optimering af hold', level: 1 }).waitFor();
      await page.getByLabel('Antal uger').selectOption('2');
      await page.getByRole('button', { name: 'Start optimering' }).click();
      await page
        .getByTestId('optimiser-status')
        .getByText(/Færdig|Fejlede/)
        .waitFor({ timeout: 120_000 });
      expect(await page.getByTestId('optimiser-status').textContent()).toContain('Færdig');
      await page.getByRole('heading', { name: 'Medlemmer uden plads – og hvorfor' }).waitFor();
      await check(page, '04-coordinator-optimiser-proposal');
      const apply = page.getByRole('button', { name: 'Gennemfør forslaget' });
      if (await apply.isEnabled()) {
        await apply.click();
        const dialog = page.getByRole('dialog', { name: 'Gennemfør forslaget?' });
        await check(page, '04-coordinator-optimiser-apply-dialog');
        const [applyResponse] = await Promise.all([
          page.waitForResponse(
            (r) =>
              /\/api\/optimiser\/runs\/[^/]+\/apply$/.test(new URL(r.url()).pathname) &&
              r.request().method() === 'POST',
            { timeout: 60_000 },
          ),
          dialog.getByRole('button', { name: 'Gennemfør forslaget' }).click(),
        ]);
        await page.getByText('Forslaget er gennemført.').waitFor({ timeout: 60_000 });
        // Each booking counted once (the new sessions' seats are in seatsBooked already).
        const applied = (await applyResponse.json()) as {
          report: { sessionsCreated: unknown[]; seatsBooked: unknown[] };
        };
        await page
          .getByText(
            `${applied.report.sessionsCreated.length} hold oprettet, ${applied.report.seatsBooked.length} bookinger lavet`,
          )
          .waitFor();
        await screenshot(page, '04-coordinator-optimiser-applied');
      }

      await page.getByRole('link', { name: 'Nøgletal' }).click();
      await page.getByRole('heading', { name: 'Nøgletal', level: 1 }).waitFor();
      await page.getByTestId('kpi-table').waitFor({ timeout: 30_000 });
      await check(page, '05-coordinator-kpis');
      expect(problems).toEqual([]);
      await context.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'local office: publishes a week of slots (closure shown and skipped), sees the week, cancels a booked slot naming the member, and a session’s participants',
    async () => {
      const people = await t.http.get('/api/demo/people').query({ role: 'adviser' });
      const offices = (await t.http.get('/api/offices').set(t.auth(CENTRAL))).body as Office[];
      const adviser = (people.body as { subjectId: string; name: string; officeName: string }[]).find((p) => {
        const office = offices.find((o) => o.name === p.officeName);
        return office && office.kind === 'main' && !INTEGRATION_TOWNS.has(office.town);
      })!;
      const office = offices.find((o) => o.name === adviser.officeName)!;

      // A week six weeks ahead (or the first after it without a holiday on Monday–Thursday), with a local
      // closure day on its Thursday.
      const addDays = (date: string, n: number) =>
        new Date(Date.parse(`${date}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
      const monday = (() => {
        for (let d = 42; d < 42 + 8 * 7; d++) {
          const date = dateFromToday(d);
          if (new Date(`${date}T12:00:00Z`).getUTCDay() === 1 && [0, 1, 2, 3].every((k) => !isDayOff(addDays(date, k))))
            return date;
        }
        throw new Error('unreachable');
      })();
      const thursday = addDays(monday, 3);
      const year = Number(thursday.slice(0, 4));
      const closures = await t.http.get(`/api/offices/${office.id}/closures`).query({ year }).set(t.auth(CENTRAL));
      const put = await t.http
        .put(`/api/offices/${office.id}/closures`)
        .set(t.auth(CENTRAL))
        .send({ year, days: [...closures.body.closureDays, { date: thursday, reason: 'Personaledag' }] });
      expect(put.status).toBeLessThan(300);

      const { context, page, problems } = await openContext();
      await signIn(page, 'adviser', adviser.subjectId);
      await page.getByRole('heading', { name: 'Kontorets uge', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Udgiv tider' }).first().click();
      await page.getByRole('heading', { name: 'Udgiv tider', level: 1 }).waitFor();
      expect(await page.getByLabel('Kontor').inputValue()).toBe(office.id);
      await page.getByLabel('Medarbejder').selectOption(adviser.subjectId);
      await page.getByLabel('Fra dato').fill(monday);
      await page.getByLabel('Til dato').fill(addDays(monday, 4));
      // Monday and Wednesday are there by default; add Thursday, the closure day.
      await page.getByRole('button', { name: 'Tilføj dag' }).click();
      await page.getByRole('group', { name: 'Mønster 3' }).getByLabel('Ugedag').selectOption('4');
      await page.getByTestId('closures-in-range').getByText('Personaledag – springes over').waitFor();
      await check(page, '06-office-publish-form');
      const [publishResponse] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/slots/bulk') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Udgiv tider' }).last().click(),
      ]);
      const publishedIds = ((await publishResponse.json()) as { slotIds: string[] }).slotIds;
      expect(publishedIds).toHaveLength(6);
      const result = page.getByTestId('publish-result');
      await result.waitFor();
      expect(await result.textContent()).toMatch(/^6 tider er udgivet/);
      await page.getByTestId('publish-skipped').getByText('kontoret er lukket (Personaledag)').waitFor();
      await check(page, '07-office-publish-result');

      // A member books one of the new slots (through the API), so cancelling it affects someone.
      const officeSlots = await t.http
        .get(`/api/offices/${office.id}/slots`)
        .query({ from: monday, to: addDays(monday, 6) })
        .set(t.auth(CENTRAL));
      const slots = {
        body: (officeSlots.body as { staffId: string; id: string }[]).filter((s) => publishedIds.includes(s.id)),
      };
      expect(slots.body.length).toBe(6);
      const member = await t.http
        .post('/api/members')
        .set(t.auth(CENTRAL))
        .send({
          memberNumber: `E2E-${Date.now().toString(36)}`,
          name: 'Karen Kontorsen',
          municipalityCode: office.municipalityCode,
          homeOfficeId: office.id,
          firstUnemploymentDay: dateFromToday(-14),
          targetGroup: 'low-risk',
        });
      expect(member.status).toBe(201);
      const programme = await t.http.get(`/api/members/${member.body.id}/programme`).set(t.auth(CENTRAL));
      const followUp = programme.body.items.find((i: { activityCode: string }) => i.activityCode === 'follow-up');
      const booked = await t.http
        .post('/api/bookings')
        .set(t.auth(CENTRAL))
        .send({ memberId: member.body.id, programmeItemId: followUp.id, slotId: slots.body[0].id });
      expect(booked.status).toBe(201);

      // A group session at the office with the member on it, for the participant list.
      const detail = await t.http.get(`/api/offices/${office.id}`).set(t.auth(CENTRAL));
      const staff = await t.http.get('/api/staff').query({ officeId: office.id, role: 'adviser' }).set(t.auth(CENTRAL));
      const leaders = (staff.body as { id: string; skills: string[] }[]).filter((a) => a.skills.includes('netcafe'));
      const rooms = (detail.body.rooms as { id: string; seats: number }[]).filter((r) => r.seats >= 4);
      // The demo schedule keeps rooms and advisers busy at times: take the first free combination.
      let session: { status: number; body: { id: string } } | undefined;
      search: for (const day of [1, 4, 2, 0]) {
        for (const hour of ['13:00', '10:00', '14:00', '08:00']) {
          for (const room of rooms) {
            for (const leader of leaders) {
              session = await t.http
                .post(`/api/offices/${office.id}/sessions`)
                .set(t.auth(CENTRAL))
                .send({
                  activityCode: 'netcafe',
                  roomId: room.id,
                  leaderIds: [leader.id],
                  start: copenhagen(addDays(monday, day), hour),
                });
              if (session.status === 201) break search;
            }
          }
        }
      }
      if (session?.status !== 201) throw new Error(`no session could be planned: ${JSON.stringify(session?.body)}`);

      await page.getByRole('link', { name: 'Se ugen' }).click();
      const grid = page.getByTestId('week-grid');
      await grid.waitFor();
      // The adviser's own times first; the session is led by someone else, so show everyone's.
      await page.getByRole('button', { name: 'Alle', exact: true }).click();
      await grid.getByText('Lukket: Personaledag').waitFor();
      for (const id of publishedIds) await grid.locator(`[data-slot-id="${id}"]`).waitFor();
      await check(page, '08-office-week');

      const bookedSlot = grid.locator(`[data-slot-id="${slots.body[0].id}"]`);
      expect(await bookedSlot.getAttribute('class')).toContain('entry-booked');
      await bookedSlot.locator('.entry-title', { hasText: 'Karen Kontorsen' }).waitFor();
      await bookedSlot.getByRole('button', { name: /^Handlinger/ }).click();
      await bookedSlot.getByRole('button', { name: 'Aflys tid' }).click();
      const dialog = page.getByRole('dialog', { name: 'Aflys tiden?' });
      await dialog.getByText(/Karen Kontorsen/).waitFor();
      await check(page, '09-office-cancel-slot-dialog');
      await dialog.getByRole('button', { name: 'Aflys tid' }).click();
      await page.getByText('Aflyst. 1 medlem er berørt.').waitFor();
      await grid.locator(`[data-slot-id="${slots.body[0].id}"].entry-cancelled`).waitFor();

      await grid.locator(`[data-session-id="${session!.body.id}"]`).getByRole('link').click();
      await page.getByRole('heading', { name: 'Netcafé – Kom godt i gang med IT', level: 1 }).waitFor();
      await page.getByText('Ingen deltagere endnu.').waitFor();
      await page.getByRole('button', { name: 'Aflys hold' }).click();
      await page.getByRole('dialog').getByText('Ingen medlemmer er booket, så ingen bliver berørt.').waitFor();
      await check(page, '10-office-session');
      await page.getByRole('dialog').getByRole('button', { name: 'Nej, behold' }).click();

      // The week on a phone.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${base}/app/office?office=${office.id}&week=${monday}&show=all`);
      await page.getByTestId('week-grid').waitFor();
      await check(page, '11-office-week-phone');
      expect(problems).toEqual([]);
      await context.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'member: books the next item, sees it on the timeline and in the iCal feed, then cancels it',
    async () => {
      const office = await officeByTown(new Set([...INTEGRATION_TOWNS]));
      const advisers = await t.http
        .get('/api/staff')
        .query({ officeId: office.id, role: 'adviser' })
        .set(t.auth(CENTRAL));
      const adviser = advisers.body[advisers.body.length - 1];
      // CV meeting window: week 2 from the first day of unemployment; slots every weekday morning over the next three weeks.
      const published = await t.http
        .post(`/api/offices/${office.id}/slots/bulk`)
        .set(t.auth(CENTRAL))
        .send({
          staffId: adviser.id,
          activityCodes: ['cv-meeting', 'follow-up'],
          channel: 'in-person',
          from: dateFromToday(1),
          to: dateFromToday(21),
          pattern: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '09:00', slotMinutes: 60 })),
        });
      expect(published.status).toBe(201);
      const created = await t.http
        .post('/api/members')
        .set(t.auth(CENTRAL))
        .send({
          memberNumber: `E2E-M-${Date.now().toString(36)}`,
          name: 'Mads Medlemsen',
          municipalityCode: office.municipalityCode,
          homeOfficeId: office.id,
          firstUnemploymentDay: dateFromToday(-3),
          targetGroup: 'low-risk',
        });
      expect(created.status).toBe(201);
      const memberId = created.body.id as string;

      const { context, page, problems } = await openContext();
      await signIn(page, 'member', memberId);
      await page.getByRole('heading', { name: 'Mit forløb', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Næste skridt: CV-samtale' }).waitFor();
      const options = page.getByTestId('options');
      await options.waitFor();
      await check(page, '12-member-programme');

      await options.getByRole('button', { name: /^Book/ }).first().click();
      await page
        .getByTestId('member-message')
        .getByText(/Du er booket/)
        .waitFor();
      const timeline = page.getByTestId('timeline');
      const cvItem = timeline.locator('li', { hasText: 'CV-samtale' });
      await cvItem.getByText('Booket', { exact: true }).waitFor();
      await check(page, '13-member-booked');

      const programme = await t.http
        .get(`/api/members/${memberId}/programme`)
        .set(t.auth({ role: 'member', subjectId: memberId }));
      const cv = programme.body.items.find((i: { activityCode: string }) => i.activityCode === 'cv-meeting');
      expect(cv.status).toBe('booked');
      const start = new Date(cv.booking.start);
      const local = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Copenhagen',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      })
        .format(start)
        .replace(/[-: ]/g, (c) => (c === ' ' ? 'T' : ''));

      await page.getByRole('button', { name: 'Hent kalenderlink' }).click();
      const links = page.getByTestId('feed-links');
      await links.waitFor();
      const webcal = await page.getByLabel('Abonnér (webcal)').inputValue();
      const https = await page.getByLabel('Link til kalenderen (URL)').inputValue();
      expect(webcal).toMatch(/^webcal:\/\/127\.0\.0\.1:\d+\/calendar\/.+\.ics$/);
      expect(https.startsWith(`${base}/calendar/`)).toBe(true);
      await check(page, '14-member-calendar-link');
      const feed = await (await fetch(https)).text();
      expect(feed).toContain('BEGIN:VEVENT');
      expect(feed).toContain(`DTSTART;TZID=Europe/Copenhagen:${local}`);
      expect(feed).not.toContain('STATUS:CANCELLED');

      await cvItem.getByRole('button', { name: /Aflys/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Aflys din booking?' });
      await dialog.waitFor();
      await check(page, '15-member-cancel-dialog');
      await dialog.getByRole('button', { name: 'Aflys' }).click();
      await page.getByTestId('member-message').getByText('CV-samtale er aflyst. Book en ny tid.').waitFor();
      await cvItem.getByText('Skal bookes').waitFor();
      const after = await (await fetch(https)).text();
      expect(after).toContain('STATUS:CANCELLED');

      // The same page on a phone, in English.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'My programme', level: 1 }).waitFor();
      await check(page, '16-member-phone-english');
      expect(problems).toEqual([]);
      await context.close();
    },
    BROWSER_TIMEOUT,
  );
});

describe('browser test prerequisites', () => {
  it('has Chromium (or SKIP_BROWSER_TESTS=1)', () => {
    if (browserTestsSkipped) return;
    expect(() => chromiumPath()).not.toThrow();
  });
});
