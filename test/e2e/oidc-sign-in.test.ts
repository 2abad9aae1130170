import type { Browser, Page } from 'playwright-core';
import { CENTRAL, dateFromToday } from '../support/booking-factories.js';
import {
  startTestOpenIdProvider,
  TEST_AUDIENCE,
  TEST_CLIENT_ID,
  type TestOpenIdProvider,
} from '../support/oidc-provider.js';
import type { TestApp } from '../support/test-app.js';
import { axeSerious, browserTestsSkipped, screenshot, startBrowserApp, type BrowserApp } from './support/browser.js';

// Sign-in in Chromium through a real OpenID Provider (oidc-provider) and its own login and consent pages:
// a member is linked by their member number at first sign-in and books; an adviser sees only their own
// department's offices; signing out ends both sessions; an expired session goes through sign-in and back.

const describeBrowser = browserTestsSkipped ? describe.skip : describe;
const BROWSER_TIMEOUT = 240_000;

interface Office {
  id: string;
  name: string;
  kind: string;
  departmentId: string;
  municipalityCode: string;
}

describeBrowser('sign-in through the OpenID Provider in Chromium', () => {
  let app: BrowserApp;
  let t: TestApp;
  let op: TestOpenIdProvider;
  let base: string;
  let browser: Browser;
  let offices: Office[];

  beforeAll(async () => {
    app = await startBrowserApp({
      env: async (appBase) => {
        op = await startTestOpenIdProvider(appBase);
        return { OIDC_ISSUER_URL: op.issuer, OIDC_CLIENT_ID: TEST_CLIENT_ID, OIDC_AUDIENCE: TEST_AUDIENCE };
      },
    });
    ({ t, base, browser } = app);
    offices = (await t.http.get('/api/offices').set(t.auth(CENTRAL))).body as Office[];
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await app?.close();
    await op?.close();
  });

  /** From the app's sign-in page through the provider's login (and, the first time, consent) page and back. */
  async function signInAtProvider(page: Page, login: string): Promise<void> {
    await page.getByRole('heading', { name: 'Log ind', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Fortsæt til login' }).click();
    await page.waitForURL((url) => url.href.startsWith(op.issuer), { waitUntil: 'commit' });
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    // The consent page comes the first time this person signs in to the app.
    const consent = page.getByRole('button', { name: 'Continue' });
    const inApp = (url: URL) => url.href.startsWith(`${base}/app/`);
    await Promise.race([
      page.waitForURL(inApp, { waitUntil: 'commit' }).catch(() => undefined),
      consent.waitFor().catch(() => undefined),
    ]);
    if (!inApp(new URL(page.url()))) await consent.click();
    await page.waitForURL(inApp);
  }

  it(
    'a member is linked at first sign-in on the provider’s login page, books, and signs out of both',
    async () => {
      const office = offices.filter((o) => o.kind === 'main').sort((a, b) => a.name.localeCompare(b.name))[1];
      const advisers = await t.http
        .get('/api/staff')
        .query({ officeId: office.id, role: 'adviser' })
        .set(t.auth(CENTRAL));
      const adviser = advisers.body[0] as { id: string };
      const published = await t.http
        .post(`/api/offices/${office.id}/slots/bulk`)
        .set(t.auth(CENTRAL))
        .send({
          staffId: adviser.id,
          activityCodes: ['follow-up'],
          channel: 'in-person',
          from: dateFromToday(2),
          to: dateFromToday(16),
          pattern: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '15:00', end: '16:00', slotMinutes: 30 })),
        });
      expect(published.status).toBe(201);
      const memberNumber = `E2E-OIDC-${Date.now().toString(36)}`;
      const created = await t.http
        .post('/api/members')
        .set(t.auth(CENTRAL))
        .send({
          memberNumber,
          name: 'Olga Oidcsen',
          municipalityCode: office.municipalityCode,
          homeOfficeId: office.id,
          firstUnemploymentDay: dateFromToday(-59),
          targetGroup: 'low-risk',
        });
      expect(created.status).toBe(201);
      const memberId = created.body.id as string;
      op.addAccount({ sub: `mitid-${memberId}`, member_number: memberNumber });

      const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
      const page = await context.newPage();
      await page.goto(`${base}/app/`);
      await signInAtProvider(page, `mitid-${memberId}`);
      await page.getByRole('heading', { name: 'Mit forløb', level: 1 }).waitFor();
      const [link] = await t.db.query(
        `SELECT member_id AS "memberId", linked_by AS "linkedBy" FROM member_identity WHERE subject = $1`,
        [`mitid-${memberId}`],
      );
      expect(link).toEqual({ memberId, linkedBy: 'member-number' });
      // The session is an HttpOnly cookie: nothing the page's scripts can read.
      expect(
        await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie),
      ).not.toContain('akasse_session');

      // Book the follow-up from the timeline: a write through the cookie session, with its CSRF token.
      const followUp = page.getByTestId('timeline').locator('li', { hasText: 'Jobopfølgning' });
      await followUp.getByRole('button', { name: 'Book Jobopfølgning' }).click();
      await followUp.getByTestId('time-picker').getByTestId('options').getByRole('button').first().click();
      await page
        .getByTestId('member-message')
        .getByText(/Du er booket/)
        .waitFor();
      await screenshot(page, '40-oidc-member-booked');
      expect(await axeSerious(page)).toEqual([]);
      const [booking] = await t.db.query(`SELECT status FROM booking WHERE member_id = $1`, [memberId]);
      expect(booking).toEqual({ status: 'booked' });

      // Sign out: the app's session ends, then the provider's (its own confirmation page), and back to sign-in.
      await page.getByRole('button', { name: 'Log ud' }).click();
      await page.waitForURL((url) => url.href.startsWith(op.issuer), { waitUntil: 'commit' });
      await page.getByRole('button', { name: 'Yes, sign me out' }).click();
      await page.waitForURL((url) => url.href.startsWith(`${base}/app/sign-in`));
      await page.getByRole('heading', { name: 'Log ind', level: 1 }).waitFor();
      const [ended] = await t.db.query(
        `SELECT count(*)::int AS open FROM auth_session WHERE subject = $1 AND ended_at IS NULL`,
        [`mitid-${memberId}`],
      );
      expect(ended).toEqual({ open: 0 });
      // Signing in again needs the provider's login page again (its session ended too).
      await page.getByRole('button', { name: 'Fortsæt til login' }).click();
      await page.locator('input[name=login]').waitFor();
      await context.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'an adviser sees only their department’s offices',
    async () => {
      const office = offices.filter((o) => o.kind === 'main').sort((a, b) => a.name.localeCompare(b.name))[2];
      const advisers = await t.http
        .get('/api/staff')
        .query({ officeId: office.id, role: 'adviser' })
        .set(t.auth(CENTRAL));
      const adviser = advisers.body[0] as { id: string };
      const [staff] = await t.db.query(`SELECT email FROM staff WHERE id = $1`, [adviser.id]);
      op.addAccount({ sub: 'entra-e2e-adviser', email: staff.email, email_verified: true });
      const ownOffices = offices
        .filter((o) => o.departmentId === office.departmentId)
        .map((o) => o.id)
        .sort();
      expect(ownOffices.length).toBeLessThan(offices.length);

      const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
      const page = await context.newPage();
      await page.goto(`${base}/app/office`);
      await signInAtProvider(page, 'entra-e2e-adviser');
      expect(new URL(page.url()).pathname).toBe('/app/office');
      await page.getByRole('heading', { name: 'Kontorets uge', level: 1 }).waitFor();
      const picker = page.getByLabel('Kontor');
      await picker.locator('option').first().waitFor({ state: 'attached' });
      const shown = (
        await picker
          .locator('option')
          .evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value))
      ).sort();
      expect(shown).toEqual(ownOffices);
      // Another department's office by URL: its slots are out of scope (404), as if it did not exist.
      const other = offices.find((o) => o.departmentId !== office.departmentId)!;
      const outOfScope = await page.evaluate(
        async (url) => (await fetch(url)).status,
        `${base}/api/offices/${other.id}/slots`,
      );
      expect(outOfScope).toBe(404);
      await screenshot(page, '41-oidc-adviser-office-week');
      expect(await axeSerious(page)).toEqual([]);

      await context.close();
    },
    BROWSER_TIMEOUT,
  );
});
