const MAX_LINE_OCTETS = 75;

/* eslint-disable no-control-regex -- matching control characters is the point */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const NEEDS_CLEANING = /[\u0000-\u001F\u007F-\u009F\uD800-\uDFFF]/;
/* eslint-enable no-control-regex */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Normalises free text for a content line: newlines become `\n`, tabs spaces, other control characters
 * (C0, DEL, C1) are dropped, lone surrogates become U+FFFD (they cannot be encoded as UTF-8) and the
 * result is NFC, so a decomposed "å" is one character and cannot be torn apart by folding.
 */
export function cleanText(value: string): string {
  let text = value;
  if (NEEDS_CLEANING.test(text)) {
    text = text
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, ' ')
      .replace(CONTROL_CHARS, '')
      .replace(LONE_SURROGATE, '\uFFFD');
  }
  return text.normalize('NFC');
}

/** RFC 5545 §3.3.11 TEXT escaping, after {@link cleanText}. */
export function escapeText(value: string): string {
  return cleanText(value)
    .replace(/[\\;,]/g, '\\$&')
    .replace(/\n/g, '\\n');
}

/**
 * Folds one unfolded content line at 75 octets (RFC 5545 §3.1): the first segment holds up to 75 octets,
 * each continuation a space plus up to 74. Cuts only between code points, never inside a UTF-8 sequence
 * or a surrogate pair.
 */
export function foldLine(line: string): string {
  if (line.length * 3 <= MAX_LINE_OCTETS || Buffer.byteLength(line, 'utf8') <= MAX_LINE_OCTETS) {
    return line;
  }
  let folded = '';
  let segmentStart = 0;
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (let i = 0; i < line.length;) {
    const code = line.charCodeAt(i);
    let units = 1;
    let size: number;
    if (code < 0x80) {
      size = 1;
    } else if (code < 0x800) {
      size = 2;
    } else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(line.charCodeAt(i + 1))) {
      size = 4;
      units = 2;
    } else {
      size = 3;
    }
    if (octets + size > limit) {
      folded += line.slice(segmentStart, i) + '\r\n ';
      segmentStart = i;
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    octets += size;
    i += units;
  }
  return folded + line.slice(segmentStart);
}

/** Folds every line of CRLF-separated, unfolded content. */
export function foldContent(content: string): string {
  return content.split('\r\n').map(foldLine).join('\r\n');
}

/** `YYYYMMDDTHHMMSSZ`; sub-second parts are dropped. */
export function formatUtcDateTime(date: Date): string {
  return (
    String(date.getUTCFullYear()).padStart(4, '0') +
    pad2(date.getUTCMonth() + 1) +
    pad2(date.getUTCDate()) +
    'T' +
    pad2(date.getUTCHours()) +
    pad2(date.getUTCMinutes()) +
    pad2(date.getUTCSeconds()) +
    'Z'
  );
}

/** RFC 5545 DURATION for a positive whole number of minutes, e.g. 60 → `PT1H`, 1500 → `P1DT1H`. */
export function durationFromMinutes(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes <= 0) {
    throw new RangeError(`duration must be a positive whole number of minutes, got ${minutes}`);
  }
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  let time = '';
  if (hours > 0) time += `${hours}H`;
  if (rest > 0) time += `${rest}M`;
  return 'P' + (days > 0 ? `${days}D` : '') + (time ? `T${time}` : '');
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
