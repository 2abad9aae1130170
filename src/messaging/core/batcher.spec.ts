import { Batcher } from './batcher.js';

describe('Batcher', () => {
  it('answers each request from one call per batch, and fails every request of a failed batch', async () => {
    const calls: number[][] = [];
    const batcher = new Batcher<number, number>(async (inputs) => {
      calls.push(inputs);
      if (inputs.includes(-1)) throw new Error('down');
      return inputs.map((n) => n * 2);
    }, 3);
    expect(await Promise.all([1, 2, 3, 4].map((n) => batcher.load(n)))).toEqual([2, 4, 6, 8]);
    expect(calls).toEqual([[1, 2, 3], [4]]);
    await expect(Promise.all([batcher.load(5), batcher.load(-1)])).rejects.toThrow('down');
  });
});
