import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');

/** SKIP_BROWSER_TESTS=1 skips the browser suites (the API checks in test/e2e still run). */
export const browserTestsSkipped = process.env.SKIP_BROWSER_TESTS === '1';

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter((p): p is string => Boolean(p));

export function chromiumPath(): string {
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      [
        'The browser tests need Chromium, and none was found (looked for ' + CANDIDATES.join(', ') + ').',
        'Install it:  apt-get install -y chromium      (Debian/Ubuntu; macOS: brew install --cask chromium)',
        'or point CHROMIUM_PATH at a Chromium/Chrome binary, or set SKIP_BROWSER_TESTS=1 to skip these tests.',
      ].join('\n'),
    );
  }
  return found;
}

/** Builds the web app into dist/web when it is missing or older than its sources (the same check as `npm start`). */
export function ensureWebBuild(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--web'], { cwd: ROOT, stdio: 'inherit' });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export interface BrowserApp {
  t: TestApp;
  /** `http://127.0.0.1:<port>`, the app's public base URL. */
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

export interface BrowserAppOptions {
  /** Settings on top of the test app's, given the base URL (an OpenID Provider needs it before the app starts). */
  env?: (base: string) => Record<string, string> | Promise<Record<string, string>>;
  /** Runs after the app is made and before it listens (e.g. to replace a clock or stop a scheduler). */
  beforeListen?: (t: TestApp) => void | Promise<void>;
}

/**
 * The service listening on a free port with the web app built, and Chromium launched: what every browser suite
 * starts with. Fails with install instructions when Chromium is missing.
 */
export async function startBrowserApp(options: BrowserAppOptions = {}): Promise<BrowserApp> {
  chromiumPath();
  ensureWebBuild();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await createTestApp({ PUBLIC_BASE_URL: base, ...(await options.env?.(base)) });
  try {
    await options.beforeListen?.(t);
    await t.app.listen(port, '127.0.0.1');
    const browser = await launchBrowser();
    return {
      t,
      base,
      browser,
      close: async () => {
        await browser.close();
        await t.close();
      },
    };
  } catch (error) {
    await t.close();
    throw error;
  }
}

/** A Danish browser context in Copenhagen time (downloads allowed), its page, and the page's problems. */
export async function openDanishPage(
  browser: Browser,
  viewport = { width: 1440, height: 900 },
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport,
    locale: 'da-DK',
    timezoneId: 'Europe/Copenhagen',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  return { context, page, problems: watchProblems(page) };
}

/**
 * Signs in on the demo sign-in page as the role (and the person, when given) and waits to leave the page. Callers
 * that land on a known page wait for its heading themselves.
 */
export async function signInDemo(page: Page, base: string, role: string, subjectId?: string): Promise<void> {
  await page.goto(`${base}/app/`);
  await page.getByRole('heading', { name: 'Log ind', level: 1 }).waitFor();
  await page.locator(`input[name=role][value=${role}]`).check();
  await page.locator('select[disabled]').waitFor({ state: 'detached' });
  if (subjectId) await page.getByLabel('Person').selectOption(subjectId);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}

/** Console errors, page errors and CSP violations seen by a page; a test asserts this stays empty. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    // A failed API call the test provoked on purpose shows as a console error for the resource; the UI shows it in words.
    if (message.type() === 'error' && !/Failed to load resource/.test(text)) problems.push(`console: ${text}`);
    if (/Content Security Policy/i.test(text)) problems.push(`CSP: ${text}`);
  });
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page; returns serious and critical violations. */
export async function axeSerious(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not block it.
  await page.evaluate(axeSource);
  // (The test code compiles without the DOM library, so the page's globals are reached through globalThis.)
  const result = await page.evaluate(async () => {
    const page = globalThis as unknown as {
      document: unknown;
      axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
    };
    return page.axe.run(page.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
}
