import fc from 'fast-check';
import { cleanText, durationFromMinutes, escapeText, foldContent, foldLine, formatUtcDateTime } from './ics-text.js';

const octets = (text: string): number => Buffer.byteLength(text, 'utf8');
const unfold = (text: string): string => text.replace(/\r\n[ \t]/g, '');

function expectWellFolded(folded: string, original: string): void {
  const lines = folded.split('\r\n');
  for (const [index, line] of lines.entries()) {
    expect(octets(line)).toBeLessThanOrEqual(75);
    if (index > 0) expect(line.startsWith(' ')).toBe(true);
    // A cut inside a UTF-8 sequence would not survive encoding and decoding.
    expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
  }
  expect(unfold(folded)).toBe(original);
}

describe('foldLine', () => {
  it('leaves lines of up to 75 octets alone', () => {
    const line = 'SUMMARY:' + 'x'.repeat(67);
    expect(octets(line)).toBe(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds a 76-octet line into 75 octets and a continuation', () => {
    const line = 'SUMMARY:' + 'x'.repeat(68);
    expect(foldLine(line)).toBe('SUMMARY:' + 'x'.repeat(67) + '\r\n x');
  });

  it.each([64, 65, 66, 67, 68])('never splits æ, ø or å at the fold point (%i ASCII octets first)', (pad) => {
    const line = 'SUMMARY:' + 'x'.repeat(pad) + 'æøåÆØÅ'.repeat(30);
    const folded = foldLine(line);
    expectWellFolded(folded, line);
    expect(folded.split('\r\n').length).toBeGreaterThan(3);
  });

  it('keeps a Danish letter whole when it would straddle octet 75', () => {
    // 'SUMMARY:' + 66 × 'x' = 74 octets; 'æ' needs octets 75 and 76, so it must start the next line.
    const line = 'SUMMARY:' + 'x'.repeat(66) + 'æbc';
    expect(foldLine(line)).toBe('SUMMARY:' + 'x'.repeat(66) + '\r\n æbc');
  });

  it('keeps surrogate pairs (4-octet characters) whole', () => {
    const line = 'DESCRIPTION:' + '😀'.repeat(40);
    expectWellFolded(foldLine(line), line);
  });

  it('folds any text into lines of at most 75 octets that unfold to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const line = 'DESCRIPTION:' + text;
        expectWellFolded(foldLine(line), line);
      }),
      { numRuns: 300 },
    );
  });

  it('folds every line of a document independently', () => {
    const long = 'X-A:' + 'å'.repeat(60);
    const content = ['BEGIN:VCALENDAR', long, 'END:VCALENDAR', ''].join('\r\n');
    const folded = foldContent(content);
    expect(folded.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(unfold(folded)).toBe(content);
  });
});

describe('escapeText', () => {
  it('escapes backslash, semicolon and comma', () => {
    expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
  });

  it('turns every kind of newline into \\n', () => {
    expect(escapeText('one\r\ntwo\rthree\nfour')).toBe('one\\ntwo\\nthree\\nfour');
  });

  it('keeps æ, ø and å and composes decomposed letters', () => {
    expect(escapeText('Ærø, Øster Åby')).toBe('Ærø\\, Øster Åby');
    expect(escapeText('A\u030Arhus')).toBe('Århus');
  });
});

describe('cleanText', () => {
  it('drops C0, DEL and C1 control characters but keeps newlines; tabs become spaces', () => {
    expect(cleanText('a\u0000b\u0007c\u001Bd\u007Fe\u0085f\tg\nh')).toBe('abcdef g\nh');
  });

  it('replaces lone surrogates, which cannot be encoded as UTF-8', () => {
    expect(cleanText('a\uD800b\uDC00c😀')).toBe('a\uFFFDb\uFFFDc😀');
  });
});

describe('formatUtcDateTime', () => {
  it('prints UTC with Z and drops milliseconds', () => {
    expect(formatUtcDateTime(new Date('2026-03-29T01:02:03.999Z'))).toBe('20260329T010203Z');
  });
});

describe('durationFromMinutes', () => {
  it.each([
    [60, 'PT1H'],
    [30, 'PT30M'],
    [90, 'PT1H30M'],
    [1440, 'P1D'],
    [1500, 'P1DT1H'],
  ])('%i minutes → %s', (minutes, expected) => {
    expect(durationFromMinutes(minutes)).toBe(expected);
  });

  it.each([0, -60, 1.5, Number.NaN])('rejects %p', (minutes) => {
    expect(() => durationFromMinutes(minutes)).toThrow(RangeError);
  });
});
