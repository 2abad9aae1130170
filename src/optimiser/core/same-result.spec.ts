import { createHash } from 'node:crypto';
import { generateInstance, type GeneratorOptions } from './generate-instance.js';
import { optimiseSessions } from './optimise.js';
import { type Proposal } from './types.js';

/** The whole proposal but its elapsed time, hashed: any change in who sits where, or in any figure, changes it. */
function fingerprint(proposal: Proposal): string {
  return createHash('sha256')
    .update(JSON.stringify({ ...proposal, summary: { ...proposal.summary, elapsedMs: 0 } }))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Fingerprints of the heuristic's proposals (defaults) taken before its speed-ups (main at 2959d5a);
 * `bench/optimiser/fingerprint.ts` checks the same on larger instances (10,000, 25,000 and 100,000
 * members). A change that is meant to alter results updates these on purpose.
 */
const EXPECTED: [GeneratorOptions, string][] = [
  [{ seed: 1, members: 100, offices: 3, weeks: 4 }, '29ed1fdebe50f4a0'],
  [{ seed: 2, members: 200, offices: 4, weeks: 4 }, '6dfa8a31f9ae1b04'],
  [{ seed: 1, members: 200, offices: 12, weeks: 8 }, '35b3b98486fe091d'],
  [{ seed: 2, members: 300, offices: 20, weeks: 10 }, '77aa5dfc55e2d3d5'],
  [{ seed: 4, members: 400, offices: 12, weeks: 8 }, '1990ff296af2861b'],
  [{ seed: 3, members: 200, offices: 12, weeks: 8 }, '7de767b9f3c6e056'],
  [{ seed: 10, members: 300, offices: 20, weeks: 10 }, 'f52731592427fc66'],
  [{ seed: 1, members: 700, offices: 55, weeks: 8 }, '39376618a9c83201'],
  [{ seed: 7, members: 2500, offices: 40, weeks: 13 }, 'dd35abbd13c8e6b3'],
];

describe('optimiseSessions gives the same proposals as before its speed-ups', () => {
  it.each(EXPECTED)(
    '%j',
    (options, expected) => {
      expect(fingerprint(optimiseSessions(generateInstance(options)))).toBe(expected);
    },
    180_000,
  );
});
