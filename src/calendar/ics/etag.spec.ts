import { etagFor } from './etag.js';

describe('etagFor', () => {
  it('is a strong, quoted entity tag of header-safe characters', () => {
    expect(etagFor(42)).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
  });

  it('is stable for the same revision and extra', () => {
    expect(etagFor('rev-7', 'member:1')).toBe(etagFor('rev-7', 'member:1'));
    expect(etagFor(7)).toBe(etagFor('7'));
    expect(etagFor(7)).toBe(etagFor(7, ''));
  });

  it('changes with the revision and with extra', () => {
    expect(etagFor(7)).not.toBe(etagFor(8));
    expect(etagFor(7, 'member:1')).not.toBe(etagFor(7, 'member:2'));
    expect(etagFor(7, 'member:1')).not.toBe(etagFor(7));
  });

  it('cannot be forged by moving characters between revision and extra', () => {
    expect(etagFor('a",b', 'c')).not.toBe(etagFor('a', 'b",c'));
    expect(etagFor('a\nb', 'c')).not.toBe(etagFor('a', 'b\nc'));
  });
});
