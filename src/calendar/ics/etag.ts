import { createHash } from 'node:crypto';
import { ICS_RENDER_VERSION } from './render-ics.js';

/**
 * Strong ETag for a feed revision, computed without rendering the body. Strong is honest only because
 * {@link renderIcs} is deterministic: `revision` (plus `extra`, e.g. feed kind, scope id and the day that
 * decides which cancelled events are still in their grace period) must change whenever the bytes would.
 * The render version is mixed in so a code change that alters the output invalidates cached bodies.
 */
export function etagFor(revision: string | number, extra?: string): string {
  const key = JSON.stringify([ICS_RENDER_VERSION, String(revision), extra ?? '']);
  return `"${createHash('sha256').update(key).digest('base64url')}"`;
}
