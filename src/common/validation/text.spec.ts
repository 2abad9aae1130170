import { findUnsafeText } from './text.js';

describe('findUnsafeText', () => {
  it('names the first string or key with NUL or an unpaired surrogate, by its path', () => {
    expect(findUnsafeText({ name: 'Anna', days: [{ date: '2031-06-05', reason: 'a\u0000b' }] }, 'body')).toMatchObject({
      field: 'days.0.reason',
    });
    expect(findUnsafeText({ email: '\ud800@x.dk' }, 'body')).toMatchObject({
      field: 'email',
      problem: expect.stringMatching(/surrogate/),
    });
    expect(findUnsafeText({ 'x\u0000': 1 }, 'body')).toMatchObject({ field: 'x\u0000' });
    expect(findUnsafeText('csv\u0000', 'body')).toMatchObject({ field: 'body' });
  });

  it('lets well-formed text through, emoji and Danish letters included', () => {
    expect(findUnsafeText({ name: 'Søren Ærø 😀', list: ['å', { deep: '\ud83d\ude00' }] }, 'body')).toBeUndefined();
  });
});
