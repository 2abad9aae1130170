/**
 * The browser side of Web Push: the service worker (web/public/sw.js, served at /app/sw.js with scope /app/)
 * and this browser's subscription, which the member turns on and off on their messages page.
 */
import { apiClient, ok, publicApiClient, type Schema } from './api/client';

export const SERVICE_WORKER_URL = '/app/sw.js';

/** Registered at start by main.tsx; the worker only shows push messages, so a failure leaves the app working. */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker
    .register(SERVICE_WORKER_URL, { scope: '/app/' })
    .catch((error: unknown) => console.warn('The service worker was not registered', error));
}

/** Why this browser cannot take push messages, or undefined when it can. */
export function pushUnsupported(): 'insecure' | 'unsupported' | undefined {
  if (!window.isSecureContext) return 'insecure';
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window))
    return 'unsupported';
  return undefined;
}

async function registration(): Promise<ServiceWorkerRegistration> {
  return (
    (await navigator.serviceWorker.getRegistration('/app/')) ??
    navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/app/' })
  );
}

export async function currentSubscription(): Promise<PushSubscription | null> {
  if (pushUnsupported()) return null;
  return (await registration()).pushManager.getSubscription();
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const text = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export class PushPermissionDenied extends Error {
  constructor() {
    super('Notifications are blocked for this site');
    this.name = 'PushPermissionDenied';
  }
}

/** Asks for permission, subscribes this browser with the server's VAPID key and tells the server. */
export async function subscribeThisBrowser(memberId: string): Promise<void> {
  // Asked first, while the click that called this is still the current user gesture (some browsers insist).
  const permission = Notification.requestPermission();
  const { publicKey } = await ok(publicApiClient.GET('/api/push/public-key'));
  if (!publicKey) throw new Error('Push is not set up on this server');
  if ((await permission) !== 'granted') throw new PushPermissionDenied();
  const manager = (await registration()).pushManager;
  let subscription = await manager.getSubscription();
  // A subscription made with another key (the server's keys changed) cannot be used: make a new one.
  const key = subscription?.options.applicationServerKey;
  if (subscription && key && !sameBytes(new Uint8Array(key), keyBytes(publicKey))) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await manager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
  await ok(
    apiClient.POST('/api/members/{memberId}/push-subscriptions', {
      params: { path: { memberId } },
      body: subscription.toJSON() as Schema<'PushSubscriptionBody'>,
    }),
  );
}

/** Tells the server first (so nothing more is sent here), then drops the browser's subscription. */
export async function unsubscribeThisBrowser(memberId: string): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) return;
  await ok(
    apiClient.DELETE('/api/members/{memberId}/push-subscriptions', {
      params: { path: { memberId } },
      body: { endpoint: subscription.endpoint },
    }),
  );
  await subscription.unsubscribe();
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
