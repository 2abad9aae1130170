import { feedWindow } from './feed-events.js';
import { feedLastModified, isNotModified } from './feed-http.js';

const ETAG = '"abc"';
const MODIFIED = new Date('2026-11-23T10:15:30Z');

describe('isNotModified', () => {
  it('matches If-None-Match against the ETag, in a list, weakly, or with *', () => {
    expect(isNotModified({ ifNoneMatch: '"abc"' }, ETAG, MODIFIED)).toBe(true);
    expect(isNotModified({ ifNoneMatch: '"x", W/"abc"' }, ETAG, MODIFIED)).toBe(true);
    expect(isNotModified({ ifNoneMatch: '*' }, ETAG, MODIFIED)).toBe(true);
    expect(isNotModified({ ifNoneMatch: '"abd"' }, ETAG, MODIFIED)).toBe(false);
    expect(isNotModified({}, ETAG, MODIFIED)).toBe(false);
  });

  it('ignores If-Modified-Since when If-None-Match is present', () => {
    expect(isNotModified({ ifNoneMatch: '"old"', ifModifiedSince: MODIFIED.toUTCString() }, ETAG, MODIFIED)).toBe(false);
  });

  it('compares If-Modified-Since to the second and ignores a malformed date', () => {
    const withMs = new Date('2026-11-23T10:15:30.900Z');
    expect(isNotModified({ ifModifiedSince: MODIFIED.toUTCString() }, ETAG, withMs)).toBe(true);
    expect(isNotModified({ ifModifiedSince: 'Mon, 23 Nov 2026 10:15:29 GMT' }, ETAG, MODIFIED)).toBe(false);
    expect(isNotModified({ ifModifiedSince: 'yesterday' }, ETAG, MODIFIED)).toBe(false);
  });
});

describe('feedLastModified', () => {
  const window = feedWindow(new Date('2026-11-23T12:00:00Z'));

  it('is the last change, to the second, or the start of the day if that is later', () => {
    expect(feedLastModified(new Date('2026-11-23T10:15:30.750Z'), window).toISOString()).toBe('2026-11-23T10:15:30.000Z');
    expect(feedLastModified(new Date('2026-10-01T08:00:00Z'), window).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(feedLastModified(null, window).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });
});
