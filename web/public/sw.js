// The web app's service worker, served at /app/sw.js (scope /app/). It shows the push messages the service sends
// (src/messaging/push/push-channel.ts: { title, body, url, tag }, body limited to activity, time and office) and,
// on a click, brings the member to the page the message is about: a window of the app already open is focused and
// navigated there, otherwise a new one is opened. It caches nothing: the app always comes from the server.

const SCOPE = new URL(self.registration.scope);

self.addEventListener('install', (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

/** A page of the app on this origin; anything else (another site, a malformed value) becomes the app's start page. */
function pageUrl(value) {
  try {
    const url = new URL(typeof value === 'string' ? value : '', SCOPE);
    if (url.origin === SCOPE.origin && url.pathname.startsWith(SCOPE.pathname)) return url.href;
  } catch {
    // fall through
  }
  return SCOPE.href;
}

function readPayload(data) {
  if (!data) return {};
  try {
    const payload = data.json();
    return payload && typeof payload === 'object' ? payload : {};
  } catch {
    return { body: data.text() };
  }
}

self.addEventListener('push', (event) => {
  const payload = readPayload(event.data);
  const url = pageUrl(payload.url);
  event.waitUntil(
    self.registration.showNotification(
      typeof payload.title === 'string' && payload.title ? payload.title : 'A-kassen',
      {
        body: typeof payload.body === 'string' ? payload.body : '',
        tag: typeof payload.tag === 'string' && payload.tag ? payload.tag : url,
        icon: new URL('icons/icon-192.png', SCOPE).href,
        badge: new URL('icons/icon-192.png', SCOPE).href,
        data: { url },
      },
    ),
  );
});

async function openPage(url) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.filter((client) => client.url.startsWith(SCOPE.href));
  const same = open.find((client) => client.url === url);
  if (same) return same.focus();
  for (const client of open) {
    // focus() needs the click's user activation; navigate() needs the window to be controlled by this worker.
    await client.focus().catch(() => undefined);
    const navigated = await client.navigate(url).catch(() => null);
    if (navigated) return navigated;
  }
  return self.clients.openWindow(url);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openPage(pageUrl(event.notification.data && event.notification.data.url)));
});
