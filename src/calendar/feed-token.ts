import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes in base64url, no padding. */
const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A new 256-bit feed token; only its hash is stored, so the database cannot hand out working links. */
export function newFeedToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashFeedToken(token) };
}

export function hashFeedToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function isWellFormedFeedToken(token: string): boolean {
  return FEED_TOKEN.test(token);
}

/** The https (or http, in development) link and its webcal:// twin, which calendar apps open as a subscription. */
export function feedUrls(publicBaseUrl: string, path: string): { url: string; webcalUrl: string } {
  const url = `${publicBaseUrl.replace(/\/+$/, '')}${path}`;
  return { url, webcalUrl: url.replace(/^https?:\/\//, 'webcal://') };
}
