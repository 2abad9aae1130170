import type { Browser, BrowserContext, Page } from 'playwright-core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import webpush from 'web-push';
import { MESSAGE_SCAN_QUEUE } from '../../src/common/queue/queue-names.js';
import { MessageDeliveryService } from '../../src/messaging/delivery/message-delivery.service.js';
import { waitFor } from '../support/message-servers.js';
import { bookFollowUp, publishFollowUpSlot, reachableMember, slotFixture } from '../support/messaging-factories.js';
import type { TestApp } from '../support/test-app.js';
import { BrowserPushKeys, stopMessageScans, TestPushService } from '../support/web-push-receiver.js';
import {
  axeSerious,
  browserTestsSkipped,
  screenshot,
  signInDemo,
  startBrowserApp,
  watchProblems,
  type BrowserApp,
} from './support/browser.js';

// The installable app and its service worker in Chromium. Headless Chromium has no push service of its own (its
// pushManager.subscribe needs Google's), so the push travels the service's real path to a local push service
// (test/support/web-push-receiver.ts), which decrypts it with the subscription's keys as a browser would, and the
// plaintext is handed to the page's service worker with the DevTools command ServiceWorker.deliverPushMessage:
// the same `push` event a push service's message raises. The click is a `notificationclick` event dispatched in the
// service worker on the notification it showed (there is no DevTools command to click a notification).

const describeBrowser = browserTestsSkipped ? describe.skip : describe;
const BROWSER_TIMEOUT = 240_000;
const DAYTIME = new Date('2027-01-12T11:00:00Z');

const SHOWN_NOTIFICATIONS = `navigator.serviceWorker.ready
  .then((registration) => registration.getNotifications())
  .then((list) => list.map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data })))`;

interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  data: { url: string };
}

describeBrowser('push notifications in Chromium', () => {
  let app: BrowserApp;
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let push: TestPushService;

  beforeAll(async () => {
    push = new TestPushService();
    await push.start();
    const vapid = webpush.generateVAPIDKeys();
    app = await startBrowserApp({
      env: () => ({
        RUN_WORKERS: 'true',
        MESSAGE_RECONCILE_SECONDS: '3600',
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        VAPID_SUBJECT: 'mailto:drift@akasse.example',
      }),
      beforeListen: async (started) => {
        started.app.get(MessageDeliveryService).clock = () => DAYTIME;
        await stopMessageScans(started.app.get<Queue>(getQueueToken(MESSAGE_SCAN_QUEUE)));
      },
    });
    ({ t, base, browser } = app);
  }, BROWSER_TIMEOUT);

  afterAll(async () => {
    await app?.close();
    await push?.close();
  });

  it('serves the manifest, icons and service worker with their content types, the worker scoped to /app/', async () => {
    const manifest = await t.http.get('/app/manifest.webmanifest');
    expect(manifest.status).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    const parsed = JSON.parse(manifest.text);
    expect(parsed).toMatchObject({
      name: expect.stringContaining('A-kassen'),
      start_url: '/app/',
      scope: '/app/',
      display: 'standalone',
      theme_color: '#083b67',
    });
    for (const icon of parsed.icons as { src: string; sizes: string; type: string }[]) {
      const png = await t.http.get(icon.src).buffer(true);
      expect(png.status).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      const body = png.body as Buffer;
      expect(body.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(`${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`).toBe(icon.sizes);
    }
    const worker = await t.http.get('/app/sw.js');
    expect(worker.status).toBe(200);
    expect(worker.headers['content-type']).toMatch(/^text\/javascript/);
    expect(worker.headers['cache-control']).toMatch(/max-age=0/);
    expect(worker.text).toContain("addEventListener('push'");
    const page = await t.http.get('/app/');
    expect(page.text).toContain('<link rel="manifest" href="/app/manifest.webmanifest"');
  });

  async function signIn(page: Page, memberId: string): Promise<void> {
    await signInDemo(page, base, 'member', memberId);
    await page.getByRole('heading', { name: 'Mit forløb', level: 1 }).waitFor();
  }

  it('shows a pushed booking confirmation as a notification, and a click opens the booking page', async () => {
    const fixture = await slotFixture(t, 'Esbjerg');
    const member = await reachableMember(t, fixture.office, { email: null, phone: null });
    const keys = new BrowserPushKeys();
    const subscribed = await t.http
      .post(`/api/members/${member.id}/push-subscriptions`)
      .set(t.auth({ role: 'member', subjectId: member.id }))
      .send(keys.subscription(push.endpoint('chromium')));
    expect(subscribed.status).toBe(201);

    const context: BrowserContext = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
    await context.grantPermissions(['notifications'], { origin: base });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await signIn(page, member.id);

    // The app registers its worker at start; it takes control of the open page at once (clients.claim).
    // Browser-side code is written as strings: the tests are type-checked without the DOM library.
    const scope = await page.evaluate('navigator.serviceWorker.ready.then((registration) => registration.scope)');
    expect(scope).toBe(`${base}/app/`);
    await page.waitForFunction('navigator.serviceWorker.controller !== null');
    expect(await page.evaluate('Notification.permission')).toBe('granted');

    // The messages page has the switch for this browser (off: Chromium here has no push subscription of its own).
    await page.goto(`${base}/app/member/messages`);
    await page.getByRole('heading', { name: 'Push-beskeder på denne enhed' }).waitFor();
    const toggle = page.getByRole('switch', { name: 'Send push-beskeder til denne browser' });
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await screenshot(page, '40-member-push-switch');
    expect(await axeSerious(page)).toEqual([]);

    // A booking: its confirmation goes out through the queue to the local push service, encrypted for `keys`.
    const booking = await bookFollowUp(t, member, (await publishFollowUpSlot(t, fixture, 9)).id);
    const plaintext = await waitFor(
      async () =>
        push
          .delivered('chromium')
          .map((request) => keys.decrypt(request.body).toString('utf8'))
          .find((text) => JSON.parse(text).url === `/app/bookings/${booking.id}`),
      30_000,
      'the push request',
    );

    const cdp = await context.newCDPSession(page);
    const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (event: { registrations: typeof registrations }) =>
      registrations.push(...event.registrations),
    );
    await cdp.send('ServiceWorker.enable');
    const registration = await waitFor(
      async () => registrations.find((r) => r.scopeURL === `${base}/app/` && !r.isDeleted),
      10_000,
      'the worker registration',
    );
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: base,
      registrationId: registration.registrationId,
      data: plaintext,
    });

    const shown = await waitFor(
      async () => {
        const list = (await page.evaluate(SHOWN_NOTIFICATIONS)) as ShownNotification[];
        return list.length > 0 ? list : undefined;
      },
      10_000,
      'the notification',
    );
    expect(shown).toHaveLength(1);
    expect(shown[0].title).toBe('A-kassen');
    expect(shown[0].body).toMatch(/^Booket: Jobopfølgning .* kl\. \d\d:\d\d, /);
    expect(shown[0].data.url).toBe(`${base}/app/bookings/${booking.id}`);

    // The click: the worker focuses the app's open window and takes it to the booking page.
    const [worker] = context.serviceWorkers().filter((w) => w.url() === `${base}/app/sw.js`);
    expect(worker).toBeDefined();
    await worker.evaluate(`self.registration.getNotifications().then(([notification]) => {
      self.dispatchEvent(new NotificationEvent('notificationclick', { notification }));
    })`);
    await page.waitForURL(`${base}/app/bookings/${booking.id}`, { timeout: 15_000 });
    await page.getByRole('heading', { name: 'Jobopfølgning', level: 1 }).waitFor();
    expect(await page.evaluate(SHOWN_NOTIFICATIONS)).toEqual([]);
    await screenshot(page, '41-member-booking-from-notification');
    expect(problems).toEqual([]);
    await context.close();
  });
});
