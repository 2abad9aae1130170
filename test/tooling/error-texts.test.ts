import { ALL_ERROR_CODES } from '../../src/error-codes.js';
import { ERROR_TEXTS, errorText } from '../../web/src/error-texts.js';

// The web app shows its own Danish and English text for every error code, never the API's English message:
// every code of the API's error catalogue (src/error-codes.ts) must have one.

describe('error texts of the web app', () => {
  const codes = new Set<string>(ALL_ERROR_CODES);

  it('reads the API’s catalogue', () => {
    for (const known of [
      'ITEM_CLOSED',
      'SESSION_FULL',
      'INVALID_TOKEN',
      'NOT_FOUND',
      'VALIDATION_FAILED',
      'SLOT_TAKEN',
      'UNAUTHENTICATED',
    ])
      expect(codes).toContain(known);
    expect(codes.size).toBeGreaterThan(80);
  });

  it('has a Danish and an English text for every code the API defines', () => {
    const missing = [...codes].filter((code) => !ERROR_TEXTS[code]).sort();
    expect(missing).toEqual([]);
  });

  it('has no empty or untranslated text', () => {
    for (const [code, text] of Object.entries(ERROR_TEXTS)) {
      expect({ code, da: text.da.length > 0, en: text.en.length > 0 }).toEqual({ code, da: true, en: true });
    }
    expect(errorText('ITEM_CLOSED', 'da')?.text).toMatch(/kan ikke bookes/);
    expect(errorText('toString', 'da')).toBeUndefined();
  });
});
