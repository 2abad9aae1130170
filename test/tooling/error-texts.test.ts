import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ERROR_TEXTS, errorText } from '../../web/src/error-texts.js';

// The web app shows its own Danish and English text for every error code, never the API's English message:
// every code defined in src/ must have one.

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') && !full.endsWith('.spec.ts') ? [full] : [];
  });
}

/** Codes as the API defines them: the error helpers, `new DomainError(status, CODE…)`, `code: CODE` and the status fallbacks. */
const PATTERNS = [
  /(?:unprocessable|conflict|badRequest)\(\s*'([A-Z][A-Z0-9_]+)'/g,
  /new DomainError\(\s*\d+,\s*'([A-Z][A-Z0-9_]+)'/g,
  /\bcode: '([A-Z][A-Z0-9_]+)'/g,
  /^\s*\d{3}: '([A-Z][A-Z0-9_]+)',/gm,
];

function codesInSource(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of PATTERNS) for (const match of text.matchAll(pattern)) codes.add(match[1]);
  }
  return codes;
}

describe('error texts of the web app', () => {
  const codes = codesInSource();

  it('finds the API’s codes (the scan itself works)', () => {
    for (const known of ['ITEM_CLOSED', 'SESSION_FULL', 'INVALID_TOKEN', 'NOT_FOUND', 'VALIDATION_FAILED', 'SLOT_TAKEN', 'UNAUTHENTICATED']) expect(codes).toContain(known);
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
