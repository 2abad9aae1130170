/** A browser's push subscription as `PushSubscription.toJSON()` gives it (RFC 8030 endpoint, RFC 8291 keys). */
export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Longest endpoint accepted; the browsers' push services hand out a few hundred characters. */
export const MAX_ENDPOINT_LENGTH = 1000;

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

function bytes(value: string): Buffer | undefined {
  return BASE64URL.test(value) ? Buffer.from(value.replace(/=+$/, ''), 'base64url') : undefined;
}

/** Loopback hosts a development push endpoint may use over http (a local test push service). */
function isLoopback(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/**
 * Why a subscription cannot be used, or undefined when it can: the endpoint must be an https URL (outside
 * production also http on the loopback address, for a local push service), with no credentials in it; the
 * p256dh key a P-256 public point (65 bytes, uncompressed) and the auth secret 16 bytes, both base64url.
 * In production the endpoint must also name a host, not an address: the server posts to it, so a member
 * must not point it at the fund's own network.
 */
export function subscriptionProblem(input: PushSubscriptionInput, production: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(input.endpoint);
  } catch {
    return 'endpoint is not a URL';
  }
  if (input.endpoint.length > MAX_ENDPOINT_LENGTH) return `endpoint is longer than ${MAX_ENDPOINT_LENGTH} characters`;
  if (url.username || url.password) return 'endpoint must not carry credentials';
  const local = !production && isLoopback(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    return production
      ? 'endpoint must be an https URL'
      : 'endpoint must be an https URL (or http on 127.0.0.1 outside production)';
  if (
    production &&
    (/^[\d.]+$/.test(url.hostname) ||
      url.hostname.startsWith('[') ||
      isLoopback(url.hostname) ||
      !url.hostname.includes('.'))
  ) {
    return 'endpoint must name a push service by its host name';
  }
  const key = bytes(input.keys.p256dh);
  if (!key || key.length !== 65 || key[0] !== 0x04)
    return 'keys.p256dh must be a base64url P-256 public key (65 bytes, uncompressed)';
  const auth = bytes(input.keys.auth);
  if (!auth || auth.length !== 16) return 'keys.auth must be a base64url secret of 16 bytes';
  return undefined;
}

/** The keys as stored: base64url without padding. */
export function normaliseKey(value: string): string {
  return value.replace(/=+$/, '');
}
