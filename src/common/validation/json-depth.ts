/**
 * How deep a JSON body may nest. Real bodies nest three or four levels; class-transformer recurses once per
 * level and overflows the stack at a couple of thousand, so anything past this is refused before parsing.
 */
export const MAX_JSON_DEPTH = 32;

const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether raw JSON nests deeper than `limit` (brackets inside strings do not count). One pass over the bytes. */
export function jsonNestsDeeperThan(raw: Uint8Array, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) depth--;
  }
  return false;
}

/** body-parser's `verify` hook: a body nested too deep never reaches JSON.parse or class-transformer. */
export function refuseDeepJson(_request: unknown, _response: unknown, raw: Uint8Array): void {
  if (jsonNestsDeeperThan(raw)) {
    throw Object.assign(new Error(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`), {
      status: 400,
      type: 'entity.too.deep',
    });
  }
}
