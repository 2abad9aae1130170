import { createHash } from 'node:crypto';
import { feedUrls, hashFeedToken, isWellFormedFeedToken, newFeedToken } from './feed-token.js';

describe('feed tokens', () => {
  it('are 256 random bits in base64url, hashed with SHA-256', () => {
    const { token, hash } = newFeedToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(hash.equals(createHash('sha256').update(token).digest())).toBe(true);
    expect(hashFeedToken(token).equals(hash)).toBe(true);
    expect(newFeedToken().token).not.toBe(token);
    expect(isWellFormedFeedToken(token)).toBe(true);
    expect(isWellFormedFeedToken(`${token}x`)).toBe(false);
    expect(isWellFormedFeedToken('a/b')).toBe(false);
  });

  it('build an https link and its webcal:// twin from the public base URL', () => {
    expect(feedUrls('https://akasse.example/', '/calendar/t.ics')).toEqual({
      url: 'https://akasse.example/calendar/t.ics',
      webcalUrl: 'webcal://akasse.example/calendar/t.ics',
    });
    expect(feedUrls('http://localhost:3000', '/calendar/t.ics').webcalUrl).toBe(
      'webcal://localhost:3000/calendar/t.ics',
    );
  });
});
