import { FixedClock, SystemClock } from './clock.js';

describe('Clock', () => {
  it('the system clock follows the machine', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('a fixed clock stands still until told, and hands out copies', () => {
    const clock = new FixedClock('2026-12-24T08:00:00Z');
    const first = clock.now();
    first.setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-12-24T08:00:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-12-24T08:01:00.000Z');
    clock.set(new Date('2027-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});
