import { Writable } from 'node:stream';
import { createLogger, redactUrl } from './logger.js';

describe('redactUrl', () => {
  it('hides feed tokens but keeps public office feeds readable', () => {
    expect(redactUrl('/calendar/abcDEF123_-xyz.ics')).toBe('/calendar/[redacted].ics');
    expect(redactUrl('/calendar/offices/5f1d.ics')).toBe('/calendar/offices/5f1d.ics');
    expect(redactUrl('/api/x?token=secret&y=1')).toBe('/api/x?token=[redacted]&y=1');
  });
});

describe('error logging', () => {
  it('never writes a failed query’s parameters (names, contact data)', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => { lines.push(String(chunk)); done(); } });
    const logger = createLogger('info', sink);
    const failure = Object.assign(new Error('duplicate key value violates unique constraint "uq_member_number"'), {
      name: 'QueryFailedError',
      query: 'INSERT INTO member (member_number, name, email) VALUES ($1, $2, $3)',
      parameters: ['7000123', 'Birgitte Kalendersen', 'birgitte@example.dk'],
      driverError: { code: '23505', constraint: 'uq_member_number', detail: 'Key (member_number)=(7000123) already exists.' },
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
