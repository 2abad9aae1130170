import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { readCsvTable } from '../../src/common/csv/csv.js';
import { CENTRAL, dateFromToday } from '../support/booking-factories.js';
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

// A central coordinator's journey in headless Chromium against the real service: the heatmap (sticky headers, every
// week visible at 1440 px, tooltip, legend, Danish Excel CSV parsed back), the KPIs (one row per office, CSV), and the
// optimiser (parameters chosen on the page, run, paged unplaced list with CSV, apply counted against the API, earlier
// runs with the nightly one). axe on every page, no console errors, screenshots at 1440 and 390 px.

const describeBrowser = browserTestsSkipped ? describe.skip : describe;
const BROWSER_TIMEOUT = 300_000;
const WIDE = { width: 1440, height: 900 };
const NARROW = { width: 390, height: 844 };

interface PlanRow {
  week: string;
  officeId: string;
  demandHours: number;
  supplyHours: number;
  gapHours: number;
}

describeBrowser('coordinator journey in Chromium', () => {
  let app: BrowserApp;
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    app = await startBrowserApp({ env: () => ({ RUN_WORKERS: 'true' }) });
    ({ t, base } = app);
  }, BROWSER_TIMEOUT);

  afterAll(() => app?.close());

  const openContext = () => openDanishPage(app.browser, WIDE);
  const signInCentral = (page: Page) => signInDemo(page, base, 'central-coordinator');

  /** axe (0 serious or critical) and a screenshot at 1440 px and at 390 px; the page is left at 1440 px. */
  async function check(page: Page, name: string): Promise<void> {
    for (const [viewport, suffix] of [
      [WIDE, '1440'],
      [NARROW, '390'],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(150);
      await screenshot(page, `${name}-${suffix}`);
      expect({ page: name, width: viewport.width, violations: await axeSerious(page) }).toEqual({
        page: name,
        width: viewport.width,
        violations: [],
      });
    }
    await page.setViewportSize(WIDE);
  }

  async function downloadText(page: Page, click: () => Promise<void>): Promise<Buffer> {
    const [download] = await Promise.all([page.waitForEvent('download'), click()]);
    return readFileSync((await (download as Download).path())!);
  }

  /** The Danish Excel dialect: a UTF-8 BOM, `;` separators; parsed back with the service's own CSV reader. */
  function parseExcelCsv(bytes: Buffer, columns: string[]) {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.slice(1).split('\r\n')[0]).toContain(';');
    const header = text.slice(1).split('\r\n')[0].split(';');
    expect(header).toEqual(expect.arrayContaining(columns));
    const table = readCsvTable(text, columns, header);
    expect(table.problems).toEqual([]);
    return table.records;
  }
  const danishNumber = (value: string) => Number(value.replace(',', '.'));

  it(
    'heatmap: sticky week row and office column, every week visible at 1440 px, a tooltip per cell, a legend, and a Danish Excel CSV',
    async () => {
      const { context, page, problems } = await openContext();
      await signInCentral(page);
      const heatmap = page.getByTestId('heatmap');
      await heatmap.waitFor({ timeout: 90_000 });
      expect(await heatmap.locator('tbody tr').count()).toBeGreaterThan(10);
      const region = page.locator('.heatmap-scroll');

      for (const weeks of ['8', '13']) {
        await page.getByLabel('Antal uger').selectOption(weeks);
        await heatmap.locator('thead th').nth(Number(weeks)).waitFor();
        const fit = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
        expect({ weeks, fits: fit.scroll <= fit.client + 1 }).toEqual({ weeks, fits: true });
      }
      await page.getByLabel('Antal uger').selectOption('8');
      await heatmap.locator('thead th').nth(8).waitFor();
      await heatmap.locator('thead th').nth(9).waitFor({ state: 'detached' });

      // Scrolled down, the week row stays at the top of the box.
      await region.evaluate((el) => el.scrollTo({ top: 400 }));
      const [regionBox, headBox] = [await region.boundingBox(), await heatmap.locator('thead th').nth(1).boundingBox()];
      expect(Math.abs(headBox!.y - regionBox!.y)).toBeLessThanOrEqual(2);
      await region.evaluate((el) => el.scrollTo({ top: 0 }));

      // The tooltip says demand, supply and gap, as the plan's rows add up.
      const cell = heatmap.locator('tbody td[title]').first();
      await cell.hover();
      const title = (await cell.getAttribute('title'))!;
      const [, officeName, week] = /^(.*), (\d{4}-W\d{2}):/.exec(title)!;
      const from = await page.getByLabel('Fra uge (mandag)').inputValue();
      const plan = (await t.http.get('/api/capacity/plan').query({ from, weeks: 8 }).set(t.auth(CENTRAL))).body as {
        offices: { id: string; name: string }[];
        rows: PlanRow[];
      };
      const office = plan.offices.find((o) => o.name === officeName)!;
      const rows = plan.rows.filter((r) => r.officeId === office.id && r.week === week);
      const one = (value: number) =>
        new Intl.NumberFormat('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
          Math.round(value * 10) / 10 || 0,
        );
      const sum = (key: 'demandHours' | 'supplyHours' | 'gapHours') => rows.reduce((total, r) => total + r[key], 0);
      expect(title).toBe(
        `${officeName}, ${week}: Behov (timer) ${one(sum('demandHours'))}, Udbud (timer) ${one(sum('supplyHours'))}, Forskel (timer) ${one(sum('gapHours'))}`,
      );

      const legend = page.getByTestId('heatmap-legend').locator('li');
      expect(await legend.count()).toBe(5);
      expect(await legend.nth(2).textContent()).toBe('Lille mangel 0,5 til 5,0 t');
      expect(await legend.nth(4).textContent()).toBe('Stor mangel 20,0 t og mere');
      await check(page, '10-coordinator-heatmap');

      // At 390 px the office column stays put while the weeks scroll sideways.
      await page.setViewportSize(NARROW);
      await region.evaluate((el) => el.scrollTo({ left: 300 }));
      const [narrowRegion, officeCell] = [
        await region.boundingBox(),
        await heatmap.locator('tbody th').first().boundingBox(),
      ];
      expect(Math.abs(officeCell!.x - narrowRegion!.x)).toBeLessThanOrEqual(2);
      await page.setViewportSize(WIDE);

      const csv = await downloadText(page, () => page.getByRole('button', { name: 'Hent til Excel (CSV)' }).click());
      const records = parseExcelCsv(csv, ['week', 'office_name', 'demand_hours', 'supply_hours', 'gap_hours']);
      expect(records).toHaveLength(plan.rows.length);
      expect(records.some((r) => /[æøå]/i.test(r.value('office_name')))).toBe(true);
      const csvDemand = records.reduce((total, r) => total + danishNumber(r.value('demand_hours')), 0);
      expect(csvDemand).toBeCloseTo(
        plan.rows.reduce((total, r) => total + r.demandHours, 0),
        1,
      );
      expect(records.some((r) => /^-?\d+,\d+$/.test(r.value('demand_hours')))).toBe(true);
      expect(problems).toEqual([]);
      await context.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'KPIs: one row per office and a Danish Excel CSV with the same rows',
    async () => {
      const { context, page, problems } = await openContext();
      await signInCentral(page);
      await page.getByRole('link', { name: 'Nøgletal' }).click();
      const table = page.getByTestId('kpi-table');
      await table.waitFor({ timeout: 60_000 });
      const names = await table.locator('tbody tr:not(.row-total) th').allTextContents();
      expect(names.length).toBeGreaterThanOrEqual(55);
      expect(new Set(names).size).toBe(names.length);
      await check(page, '11-coordinator-kpis');
      const month = await page.getByLabel('Måned').inputValue();
      const report = (await t.http.get('/api/kpis').query({ month }).set(t.auth(CENTRAL))).body as {
        rows: { officeName: string | null; activeMembers: number }[];
      };
      const csv = await downloadText(page, () => page.getByRole('button', { name: 'Hent til Excel (CSV)' }).click());
      const records = parseExcelCsv(csv, ['scope', 'office_name', 'active_members', 'no_show_rate']);
      expect(records.map((r) => r.value('office_name'))).toEqual(report.rows.map((r) => r.officeName ?? ''));
      expect(records.map((r) => Number(r.value('active_members')))).toEqual(report.rows.map((r) => r.activeMembers));
      expect(records.every((r) => !r.value('no_show_rate').includes('.'))).toBe(true);
      expect(problems).toEqual([]);
      await context.close();
    },
    BROWSER_TIMEOUT,
  );

  it(
    'optimiser: parameters chosen on the page, run, paged unplaced list with CSV, apply counted as the API counts, earlier runs with the nightly one',
    async () => {
      // A nightly run, as the nightly job leaves it (the solve itself is the optimiser's tests' business). Dated just now,
      // so it stays on the first page of earlier runs whatever runs other tests in this database made before.
      const nightlyId = randomUUID();
      const members: { id: string }[] = await t.db.query(`SELECT id FROM member ORDER BY member_number LIMIT 3`);
      const summary = {
        items: 300,
        placed: 297,
        unplaced: 3,
        sessionsOpened: 41,
        seatsInExistingSessions: 12,
        gap: 0,
        status: 'complete',
      };
      await t.db.query(
        `INSERT INTO optimiser_run (id, params, params_hash, horizon, origin, status, job_id, summary, instance, proposal, created_at, started_at, finished_at, progress)
       VALUES ($1, $2::jsonb, $3, tstzrange(now(), now() + interval '91 days', '[)'), 'nightly', 'done', $4, $5::jsonb, '{}'::jsonb, $6::jsonb,
               now() - interval '2 minutes', now() - interval '2 minutes', now() - interval '1 minute', 1)`,
        [
          nightlyId,
          JSON.stringify({
            from: '2026-11-24',
            to: '2027-02-22',
            activityTypes: null,
            departmentIds: null,
            maxTravelKm: 60,
            timeLimitSeconds: null,
          }),
          `nightly-${nightlyId}`,
          `optimiser-run-${nightlyId}`,
          JSON.stringify(summary),
          JSON.stringify({
            summary,
            newSessions: [],
            placements: [],
            existingSeats: [],
            unplaced: members.map((m) => ({
              memberId: m.id,
              itemId: randomUUID(),
              activityId: 'netcafe',
              reason: 'TOO_FAR',
            })),
          }),
        ],
      );

      const { context, page, problems } = await openContext();
      await signInCentral(page);
      await page.getByRole('link', { name: 'Optimering' }).click();
      await page.getByRole('heading', { name: 'Optimering af hold', level: 1 }).waitFor();
      const pastRuns = page.getByTestId('past-runs');
      await pastRuns.locator(`tr[data-run-id="${nightlyId}"]`).getByText('Natlig kørsel').waitFor({ timeout: 30_000 });
      await expect(
        pastRuns.locator(`tr[data-run-id="${nightlyId}"] [data-testid=run-result]`).textContent(),
      ).resolves.toBe('297 af 300 placeret, 41 nye hold');

      // Five weeks ahead: other browser tests share this database and may have applied a proposal for the next weeks,
      // which takes the leaders' free time there.
      await page.getByLabel('Fra uge (mandag)').fill(dateFromToday(35));
      await page.getByLabel('Antal uger').selectOption('2');
      await page.getByLabel('Længste rejsevej (km)').fill('50');
      const activityBoxes = page.getByTestId('optimiser-activities').getByRole('checkbox');
      await activityBoxes.first().waitFor();
      for (const box of await activityBoxes.all()) await box.check();
      await check(page, '12-coordinator-optimiser-parameters');
      const [startRequest, startResponse] = await Promise.all([
        page.waitForRequest((r) => new URL(r.url()).pathname === '/api/optimiser/runs' && r.method() === 'POST'),
        page.waitForResponse(
          (r) => new URL(r.url()).pathname === '/api/optimiser/runs' && r.request().method() === 'POST',
        ),
        page.getByRole('button', { name: 'Start optimering' }).click(),
      ]);
      const started = (await startResponse.json()) as { id: string };
      const body = startRequest.postDataJSON() as {
        from: string;
        to: string;
        maxTravelKm: number;
        activityTypes: string[];
      };
      const groupActivities = (
        (await t.http.get('/api/activities').set(t.auth(CENTRAL))).body as { code: string; kind: string }[]
      ).filter((a) => a.kind === 'group');
      expect(body).toMatchObject({ maxTravelKm: 50 });
      expect([...body.activityTypes].sort()).toEqual(groupActivities.map((a) => a.code).sort());
      expect((Date.parse(body.to) - Date.parse(body.from)) / 86_400_000).toBe(13);

      await page
        .getByTestId('optimiser-status')
        .getByText(/Færdig|Fejlede/)
        .waitFor({ timeout: 200_000 });
      expect(await page.getByTestId('optimiser-status').textContent()).toContain('Færdig');
      // This page's run, by its id: other test files in the shared database start and insert runs of their own.
      const runs = (await t.http.get('/api/optimiser/runs').query({ limit: 100 }).set(t.auth(CENTRAL))).body as {
        runs: {
          id: string;
          origin: string;
          result: { unplaced: number } | null;
          applied: { bookings: number; sessionsCreated: number } | null;
        }[];
      };
      const run = runs.runs.find((r) => r.id === started.id)!;
      expect(run.result).not.toBeNull();
      const unplacedTotal = run.result!.unplaced;
      await page.getByRole('heading', { name: 'Medlemmer uden plads – og hvorfor' }).waitFor();
      if (unplacedTotal > 0) {
        const range = page.getByTestId('unplaced-range');
        const n = (value: number) => new Intl.NumberFormat('da-DK').format(value);
        await range.getByText(`Viser 1–${n(Math.min(25, unplacedTotal))} af ${n(unplacedTotal)}`).waitFor();
        expect(await page.getByTestId('proposal-unplaced').locator('tbody tr').count()).toBe(
          Math.min(25, unplacedTotal),
        );
        if (unplacedTotal > 25) {
          await page.getByRole('button', { name: 'Næste' }).first().click();
          await range.getByText(`Viser 26–${n(Math.min(50, unplacedTotal))} af ${n(unplacedTotal)}`).waitFor();
        }
        const csv = await downloadText(page, () => page.getByTestId('unplaced-csv').click());
        const records = parseExcelCsv(csv, ['member_number', 'home_office', 'activity_code', 'reason']);
        expect(records).toHaveLength(unplacedTotal);
      }
      await check(page, '13-coordinator-optimiser-proposal');

      const apply = page.getByRole('button', { name: 'Gennemfør forslaget' });
      expect(await apply.isEnabled()).toBe(true);
      await apply.click();
      const dialog = page.getByRole('dialog', { name: 'Gennemfør forslaget?' });
      await dialog.waitFor();
      const confirm = dialog.getByRole('button', { name: 'Gennemfør forslaget' });
      await confirm.waitFor({ state: 'visible' });
      const [applyResponse] = await Promise.all([
        page.waitForResponse(
          (r) =>
            /\/api\/optimiser\/runs\/[^/]+\/apply$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST',
          { timeout: 120_000 },
        ),
        confirm.click({ timeout: 90_000 }).catch(async (error: unknown) => {
          await screenshot(page, '14-coordinator-optimiser-apply-failed');
          throw error;
        }),
      ]);
      const applied = (await applyResponse.json()) as {
        report: {
          sessionsCreated: unknown[];
          sessionsNotCreated: unknown[];
          seatsBooked: { bookingId: string }[];
          slotsWithdrawn: { slotId: string }[];
        };
      };
      const bookings = new Set(applied.report.seatsBooked.map((s) => s.bookingId)).size;
      const [{ made }] = await t.db.query(
        `SELECT count(*)::int AS made FROM booking WHERE id = ANY($1::uuid[]) AND status = 'booked'`,
        [applied.report.seatsBooked.map((s) => s.bookingId)],
      );
      expect(made).toBe(bookings);
      await page
        .getByTestId('optimiser-applied-report')
        .getByText(
          `${applied.report.sessionsCreated.length} hold oprettet, ${bookings} bookinger lavet, ${applied.report.sessionsNotCreated.length} hold`,
        )
        .waitFor({ timeout: 60_000 });
      // Slots given up for the new sessions' leaders are said as the API counts them (and nothing when none were).
      const withdrawn = applied.report.slotsWithdrawn.length;
      if (withdrawn > 0)
        await page
          .getByTestId('optimiser-applied-withdrawn')
          .getByText(
            withdrawn === 1 ? '1 ledig tid er trukket tilbage' : `${withdrawn} ledige tider er trukket tilbage`,
          )
          .waitFor();
      else expect(await page.getByTestId('optimiser-applied-withdrawn').count()).toBe(0);

      // The earlier runs list the run as applied, with the API's count, next to last night's.
      const listed = ((await t.http.get('/api/optimiser/runs').set(t.auth(CENTRAL))).body as typeof runs).runs.find(
        (r) => r.id === run.id,
      )!;
      expect(listed.applied).toMatchObject({ bookings, sessionsCreated: applied.report.sessionsCreated.length });
      await pastRuns
        .locator(`tr[data-run-id="${run.id}"] [data-testid=run-applied]`)
        .getByText(`Gennemført: ${applied.report.sessionsCreated.length} hold, ${bookings} bookinger`)
        .waitFor({ timeout: 30_000 });
      await check(page, '14-coordinator-optimiser-applied');

      // Opening the nightly run shows its unplaced members.
      await pastRuns
        .locator(`tr[data-run-id="${nightlyId}"]`)
        .getByRole('button', { name: /^Vis kørslen startet/ })
        .click();
      await page.getByTestId('unplaced-range').getByText('Viser 1–3 af 3').waitFor({ timeout: 30_000 });
      expect(problems).toEqual([]);
      await context.close();
    },
    BROWSER_TIMEOUT,
  );
});
