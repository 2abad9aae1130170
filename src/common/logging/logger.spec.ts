import { redactUrl } from './logger.js';

describe('redactUrl', () => {
  it('hides feed tokens but keeps public office feeds readable', () => {
    expect(redactUrl('/calendar/abcDEF123_-xyz.ics')).toBe('/calendar/[redacted].ics');
    expect(redactUrl('/calendar/offices/5f1d.ics')).toBe('/calendar/offices/5f1d.ics');
    expect(redactUrl('/api/x?token=secret&y=1')).toBe('/api/x?token=[redacted]&y=1');
  });
});
