import type { FeedWindow } from './feed-events.js';

export interface ConditionalHeaders {
  ifNoneMatch?: string;
  ifModifiedSince?: string;
}

/**
 * How long a change may take to become visible after its `changed_at` (the writing transaction's clock):
 * a Last-Modified is never later than this before the answer, so a change committed after a fetch cannot
 * carry an earlier time than the Last-Modified that fetch was given.
 */
export const LAST_MODIFIED_SETTLE_MS = 5_000;

/**
 * RFC 9110 §13.2.2: If-None-Match wins when present (weak comparison, as for GET, so a gzip
 * representation's weak tag matches too); `etag` is the strong tag. If-Modified-Since is only looked at
 * without it: not modified when the feed's last change (`modifiedAt`, to the millisecond) is strictly
 * before the date the client holds. A date in the future is not a valid validator (a client clock
 * ahead would hide changes) and is ignored.
 */
export function isNotModified(headers: ConditionalHeaders, etag: string, modifiedAt: Date, now: Date): boolean {
  if (headers.ifNoneMatch !== undefined && headers.ifNoneMatch.trim() !== '')
    return etagMatches(headers.ifNoneMatch, etag);
  if (headers.ifModifiedSince === undefined) return false;
  const since = Date.parse(headers.ifModifiedSince);
  if (Number.isNaN(since) || since > now.getTime()) return false;
  return modifiedAt.getTime() < since;
}

/**
 * Whether an If-None-Match header names `etag` (a strong or weak tag), by the weak comparison RFC 9110 §13.1.2 asks for
 * GET and HEAD; `*` matches any. No header or an empty one matches nothing.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  const wanted = ifNoneMatch?.trim();
  if (!wanted) return false;
  if (wanted === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return wanted.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/**
 * The later of the last change and the start of the day: a new day can change the body without any
 * row changing (the window moves, cancelled events age out), so it counts as a modification.
 */
export function feedModifiedAt(changedAt: Date | null, window: FeedWindow): Date {
  return changedAt && changedAt > window.dayStart ? changedAt : window.dayStart;
}

/**
 * The Last-Modified header for a body last changed at `modifiedAt`: the next whole second after it, so
 * the client's If-Modified-Since covers the change itself (HTTP dates have no finer grain), but never
 * later than the answer's own time less {@link LAST_MODIFIED_SETTLE_MS}. A change in the same second as
 * a fetch therefore always has a later time than the Last-Modified that fetch got, and different bodies
 * never share one; a feed changed moments ago gets an older date and is sent once more in full.
 */
export function lastModifiedHeader(modifiedAt: Date, now: Date): Date {
  const afterChange = Math.floor(modifiedAt.getTime() / 1000) * 1000 + 1000;
  const settled = Math.floor((now.getTime() - LAST_MODIFIED_SETTLE_MS) / 1000) * 1000;
  return new Date(Math.min(afterChange, settled));
}

/**
 * Whether the client takes a gzip body (RFC 9110 §12.5.3): `gzip` or `x-gzip` with a non-zero q, or else
 * `*` with a non-zero q. No header means identity: some calendar clients send none and cannot inflate.
 */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  let star: boolean | undefined;
  for (const member of acceptEncoding.split(',')) {
    const [coding, ...parameters] = member.split(';').map((part) => part.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const wanted = q === undefined || Number(q.slice(2)) > 0;
    if (coding === 'gzip' || coding === 'x-gzip') return wanted;
    if (coding === '*') star = wanted;
  }
  return star ?? false;
}

/** The ETag of the gzip representation: the same tag, weak, since compressed bytes are not promised stable. */
export function gzipEtag(etag: string): string {
  return etag.startsWith('W/') ? etag : `W/${etag}`;
}
