import type { FeedWindow } from './feed-events.js';

export interface ConditionalHeaders {
  ifNoneMatch?: string;
  ifModifiedSince?: string;
}

/**
 * RFC 9110 §13.2.2: If-None-Match wins when present (weak comparison, as for GET); If-Modified-Since is
 * only looked at without it, to the second, because HTTP dates have no finer grain.
 */
export function isNotModified(headers: ConditionalHeaders, etag: string, lastModified: Date): boolean {
  if (headers.ifNoneMatch !== undefined && headers.ifNoneMatch.trim() !== '') {
    const wanted = headers.ifNoneMatch.trim();
    if (wanted === '*') return true;
    return wanted.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
  }
  if (headers.ifModifiedSince === undefined) return false;
  const since = Date.parse(headers.ifModifiedSince);
  return !Number.isNaN(since) && wholeSeconds(lastModified).getTime() <= since;
}

/**
 * The later of the last change and the start of the day: a new day can change the body without any
 * row changing (the window moves, cancelled events age out), so it counts as a modification.
 */
export function feedLastModified(changedAt: Date | null, window: FeedWindow): Date {
  const latest = changedAt && changedAt > window.dayStart ? changedAt : window.dayStart;
  return wholeSeconds(latest);
}

export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
