import { jsonNestsDeeperThan } from './json-depth.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('jsonNestsDeeperThan', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonNestsDeeperThan(bytes('{"a":[{"b":[1]}]}'), 4)).toBe(false);
    expect(jsonNestsDeeperThan(bytes('{"a":[{"b":[[1]]}]}'), 4)).toBe(true);
    expect(jsonNestsDeeperThan(bytes(`{"a":"${'['.repeat(100)}"}`), 2)).toBe(false);
    expect(jsonNestsDeeperThan(bytes(`{"a":"\\"${'{'.repeat(100)}"}`), 2)).toBe(false);
  });

  it('refuses the 4 kB body that overflowed class-transformer', () => {
    expect(jsonNestsDeeperThan(bytes(`${'['.repeat(2000)}${']'.repeat(2000)}`))).toBe(true);
    expect(jsonNestsDeeperThan(bytes(`${'['.repeat(32)}${']'.repeat(32)}`))).toBe(false);
  });
});
