import { Writable } from 'node:stream';
import { createLogger, redactUrl } from './logger.js';

describe('redactUrl', () => {
  const token = 'abcDEF123_-xyzabcDEF123_-xyzabcDEF123_-xyz1';
  const office = '5f1d7a2e-0c4b-4b8e-9a51-2f8d3c6e7b90';

  it('hides feed tokens but keeps public office feeds readable', () => {
    expect(redactUrl(`/calendar/${token}.ics`)).toBe('/calendar/[redacted].ics');
    expect(redactUrl(`/calendar/offices/${office}.ics`)).toBe(`/calendar/offices/${office}.ics`);
    expect(redactUrl('/api/x?token=secret&y=1')).toBe('/api/x?token=[redacted]&y=1');
    expect(redactUrl('/api/calendar/feeds?kind=member')).toBe('/api/calendar/feeds?kind=member');
    expect(redactUrl('/api/auth/callback?code=abc123&state=xyz&iss=http%3A%2F%2Fop')).toBe(
      '/api/auth/callback?code=[redacted]&state=[redacted]&iss=http%3A%2F%2Fop',
    );
  });

  it.each([
    `/CALENDAR/${token}.ICS`,
    `/Calendar/${token}.Ics?x=1`,
    `/calendar/${token}`,
    `/calendar/${token}%2eics`,
    `/%63alendar/${token}.ics`,
    `/%2563alendar/${token}.ics`,
    `//calendar/${token}.ics`,
    `/calendar/./${token}.ics`,
    `/calendar/${token}.ics/extra`,
    `/calendar/${token}%E0.ics`,
    `/calendar%2F${token}.ics`,
    `\\calendar\\${token}.ics`,
    `/api/../calendar/${token}.ics`,
    `/calendar/offices/${token}.ics`,
    `/calendar/offices/${office}.ics?t=${token}`,
    `/calendar?token=${token}`,
    `/calendar/feed#${token}`,
  ])('redacts %s by its structure', (url) => {
    const redacted = redactUrl(url);
    expect(redacted).toMatch(/^\/calendar\/\[redacted\](\.ics)?$/);
    expect(redacted).not.toContain(token.slice(0, 8));
  });
});

describe('error logging', () => {
  it('never writes a failed query’s parameters (names, contact data)', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk, _encoding, done) => {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', sink);
    const failure = Object.assign(new Error('duplicate key value violates unique constraint "uq_member_number"'), {
      name: 'QueryFailedError',
      query: 'INSERT INTO member (member_number, name, email) VALUES ($1, $2, $3)',
      parameters: ['7000123', 'Birgitte Kalendersen', 'birgitte@example.dk'],
      driverError: {
        code: '23505',
        constraint: 'uq_member_number',
        detail: 'Key (member_number)=(7000123) already exists.',
      },
    });
    logger.error({ err: failure }, 'Request failed');
    const line = lines.join('');
    expect(line).toContain('uq_member_number');
    expect(line).toContain('23505');
    expect(line).not.toContain('Kalendersen');
    expect(line).not.toContain('birgitte@example.dk');
    expect(line).not.toContain('7000123');
  });
});
