import { feedWindow } from './feed-events.js';
import {
  acceptsGzip,
  etagMatches,
  feedModifiedAt,
  gzipEtag,
  isNotModified,
  LAST_MODIFIED_SETTLE_MS,
  lastModifiedHeader,
} from './feed-http.js';

const ETAG = '"abc"';
const NOW = new Date('2026-11-23T12:00:00Z');
const MODIFIED = new Date('2026-11-23T10:15:30.250Z');

describe('etagMatches', () => {
  it('compares weakly either way, in a list, and matches nothing without a header', () => {
    expect(etagMatches('W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches(' "x" ,W/"abc" ', '"abc"')).toBe(true);
    expect(etagMatches('*', 'W/"abc"')).toBe(true);
    expect(etagMatches('"abcd"', '"abc"')).toBe(false);
    expect(etagMatches('', '"abc"')).toBe(false);
    expect(etagMatches(undefined, '"abc"')).toBe(false);
  });
});

describe('isNotModified', () => {
  it('matches If-None-Match against the ETag, in a list, weakly, or with *', () => {
    expect(isNotModified({ ifNoneMatch: '"abc"' }, ETAG, MODIFIED, NOW)).toBe(true);
    expect(isNotModified({ ifNoneMatch: 'W/"abc"' }, ETAG, MODIFIED, NOW)).toBe(true);
    expect(isNotModified({ ifNoneMatch: '"x", W/"abc"' }, ETAG, MODIFIED, NOW)).toBe(true);
    expect(isNotModified({ ifNoneMatch: '*' }, ETAG, MODIFIED, NOW)).toBe(true);
    expect(isNotModified({ ifNoneMatch: '"abd"' }, ETAG, MODIFIED, NOW)).toBe(false);
    expect(isNotModified({}, ETAG, MODIFIED, NOW)).toBe(false);
  });

  it('ignores If-Modified-Since when If-None-Match is present', () => {
    expect(isNotModified({ ifNoneMatch: '"old"', ifModifiedSince: NOW.toUTCString() }, ETAG, MODIFIED, NOW)).toBe(
      false,
    );
  });

  it('answers 304 to If-Modified-Since only when the last change is strictly before it', () => {
    expect(isNotModified({ ifModifiedSince: 'Mon, 23 Nov 2026 10:15:31 GMT' }, ETAG, MODIFIED, NOW)).toBe(true);
    // The same second as the change: the client may hold the body from before it.
    expect(isNotModified({ ifModifiedSince: 'Mon, 23 Nov 2026 10:15:30 GMT' }, ETAG, MODIFIED, NOW)).toBe(false);
    expect(isNotModified({ ifModifiedSince: 'Mon, 23 Nov 2026 10:15:29 GMT' }, ETAG, MODIFIED, NOW)).toBe(false);
  });

  it('ignores a malformed date and one in the future', () => {
    expect(isNotModified({ ifModifiedSince: 'yesterday' }, ETAG, MODIFIED, NOW)).toBe(false);
    expect(isNotModified({ ifModifiedSince: 'Mon, 23 Nov 2026 12:00:01 GMT' }, ETAG, MODIFIED, NOW)).toBe(false);
  });
});

describe('feedModifiedAt', () => {
  const window = feedWindow(NOW);

  it('is the last change, or the start of the day if that is later', () => {
    expect(feedModifiedAt(MODIFIED, window)).toBe(MODIFIED);
    expect(feedModifiedAt(new Date('2026-10-01T08:00:00Z'), window).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(feedModifiedAt(null, window).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });
});

describe('lastModifiedHeader', () => {
  it('is the whole second after the change, so If-Modified-Since with it covers the change', () => {
    const header = lastModifiedHeader(MODIFIED, NOW);
    expect(header.toISOString()).toBe('2026-11-23T10:15:31.000Z');
    expect(isNotModified({ ifModifiedSince: header.toUTCString() }, ETAG, MODIFIED, NOW)).toBe(true);
    expect(lastModifiedHeader(new Date('2026-11-23T10:15:30.000Z'), NOW).toISOString()).toBe(
      '2026-11-23T10:15:31.000Z',
    );
  });

  it('is never so late that a change committed after the answer could be older', () => {
    const justChanged = new Date(NOW.getTime() - 300);
    const header = lastModifiedHeader(justChanged, NOW);
    expect(header.getTime()).toBeLessThanOrEqual(NOW.getTime() - LAST_MODIFIED_SETTLE_MS);
    // Served now; any change after this has a later time, and the client's next request sees it.
    const later = new Date(NOW.getTime() + 400);
    expect(isNotModified({ ifModifiedSince: header.toUTCString() }, ETAG, later, new Date(NOW.getTime() + 1000))).toBe(
      false,
    );
    // Even the body it was given is sent once more, then the date settles.
    expect(isNotModified({ ifModifiedSince: header.toUTCString() }, ETAG, justChanged, NOW)).toBe(false);
  });

  it('never gives two different bodies the same date: a change after any answer is after its Last-Modified', () => {
    for (let servedMs = 0; servedMs < 20_000; servedMs += 137) {
      const servedAt = new Date(NOW.getTime() + servedMs);
      for (const ageMs of [0, 1, 400, 999, 1000, 4_999, 5_000, 5_001, 60_000]) {
        const changedAt = new Date(servedAt.getTime() - ageMs);
        const header = lastModifiedHeader(changedAt, servedAt);
        expect(header.getTime()).toBeLessThanOrEqual(servedAt.getTime());
        const nextChange = new Date(servedAt.getTime() + 1);
        expect(
          isNotModified({ ifModifiedSince: header.toUTCString() }, ETAG, nextChange, new Date(servedAt.getTime() + 2)),
        ).toBe(false);
      }
    }
  });
});

describe('acceptsGzip', () => {
  it.each<[string | undefined, boolean]>([
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', true],
    ['x-gzip', true],
    ['GZIP', true],
    ['*', true],
    ['gzip;q=0', false],
    ['gzip;q=0.000', false],
    ['gzip;q=0, *', false],
    ['*;q=0', false],
    ['identity', false],
    ['br', false],
    ['', false],
    [undefined, false],
  ])('%p -> %p', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe('gzipEtag', () => {
  it('weakens the tag once', () => {
    expect(gzipEtag('"abc"')).toBe('W/"abc"');
    expect(gzipEtag('W/"abc"')).toBe('W/"abc"');
  });
});
