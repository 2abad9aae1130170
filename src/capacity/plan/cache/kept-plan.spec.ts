import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { type CapacityPlan, jsonPieces, KeptPlan } from './capacity-plan-cache.service.js';

const row = (i: number) => ({
  officeId: `o-${i % 7}`,
  officeName: i % 3 ? 'Århus Ø' : 'Næstved',
  week: `2027-W${(i % 52) + 1}`,
  hours: i / 3,
  skill: null,
  none: undefined,
});

describe('the kept plan', () => {
  it.each([0, 1, 9_999, 10_000, 10_001, 25_000])('writes pieces that join to JSON.stringify (%i rows)', (count) => {
    const plan = {
      from: '2027-01-04',
      skipped: undefined,
      rows: Array.from({ length: count }, (_, i) => row(i)),
      summary: { a: 1, b: [undefined, 2] },
      last: [],
    };
    expect([...jsonPieces(plan)].join('')).toBe(JSON.stringify(plan));
  });

  it('keeps the JSON gzip-compressed, tagged by those bytes', async () => {
    const plan = {
      from: '2027-01-04',
      weeks: ['2027-W01'],
      rows: Array.from({ length: 23_456 }, (_, i) => row(i)),
    } as unknown as CapacityPlan;
    const kept = await KeptPlan.of(plan);
    expect(gunzipSync(kept.gzipped).toString('utf8')).toBe(JSON.stringify(plan));
    expect((await kept.json()).toString('utf8')).toBe(JSON.stringify(plan));
    expect(kept.etag).toBe(`W/"${createHash('sha1').update(kept.gzipped).digest('base64url')}"`);
    expect(kept.from).toBe('2027-01-04');
    expect((await KeptPlan.of(plan)).etag).toBe(kept.etag);
  });

  it('fails, and leaves no stream open, when the plan cannot be written as JSON', async () => {
    const plan = { from: '2027-01-04', rows: [{ hours: 1n }] } as unknown as CapacityPlan;
    await expect(KeptPlan.of(plan)).rejects.toThrow(/BigInt/);
  });
});
