import { deepFreeze, VersionedCache } from './versioned-cache.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('VersionedCache', () => {
  it('computes once for concurrent calls of one key and version, and keeps the value until the version grows', async () => {
    const cache = new VersionedCache<number>({ maxEntries: 4, concurrency: 2 });
    let computed = 0;
    const compute = async () => {
      computed++;
      await tick();
      return computed;
    };
    const values = await Promise.all(Array.from({ length: 40 }, () => cache.get('plan', 5n, compute)));
    expect(values).toEqual(new Array(40).fill(1));
    expect(computed).toBe(1);
    expect(cache.stats()).toMatchObject({ computed: 1, joined: 39, hits: 0 });
    expect(await cache.get('plan', 5n, compute)).toBe(1);
    // An older version is answered by the newer value (it reflects at least that state); a newer one computes.
    expect(await cache.get('plan', 4n, compute)).toBe(1);
    expect(await cache.get('plan', 6n, compute)).toBe(2);
    expect(cache.stats()).toMatchObject({ computed: 2, hits: 2 });
  });

  it('keys are separate', async () => {
    const cache = new VersionedCache<string>({ maxEntries: 4, concurrency: 1 });
    expect(await cache.get('a', 1n, async () => 'a')).toBe('a');
    expect(await cache.get('b', 1n, async () => 'b')).toBe('b');
    expect(await cache.get('a', 1n, async () => 'other')).toBe('a');
  });

  it('drops the least recently used key beyond maxEntries', async () => {
    const cache = new VersionedCache<string>({ maxEntries: 2, concurrency: 1 });
    await cache.get('a', 1n, async () => 'a1');
    await cache.get('b', 1n, async () => 'b1');
    await cache.get('a', 1n, async () => 'a2');
    await cache.get('c', 1n, async () => 'c1');
    expect(await cache.get('a', 1n, async () => 'a3')).toBe('a1');
    expect(await cache.get('b', 1n, async () => 'b2')).toBe('b2');
  });

  it('does not keep a failed computation', async () => {
    const cache = new VersionedCache<string>({ maxEntries: 2, concurrency: 1 });
    await expect(cache.get('a', 1n, async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('a', 1n, async () => 'ok')).toBe('ok');
  });

  it('runs at most `concurrency` computations at once; the others wait for a slot', async () => {
    const cache = new VersionedCache<number>({ maxEntries: 10, concurrency: 2 });
    const gates = Array.from({ length: 5 }, () => deferred<number>());
    let running = 0;
    let most = 0;
    const calls = gates.map((gate, i) =>
      cache.get(`k${i}`, 1n, async () => {
        running++;
        most = Math.max(most, running);
        const value = await gate.promise;
        running--;
        return value;
      }),
    );
    await tick();
    expect(running).toBe(2);
    gates.forEach((gate, i) => gate.resolve(i));
    expect(await Promise.all(calls)).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('forgets a kept value only while it is still the one kept', async () => {
    const cache = new VersionedCache<number>({ maxEntries: 4, concurrency: 1 });
    const first = cache.get('a', 1n, async () => 1);
    await first;
    cache.forget('a', Promise.resolve(1));
    expect(await cache.get('a', 1n, async () => 2)).toBe(1);
    cache.forget('a', first);
    expect(await cache.get('a', 1n, async () => 3)).toBe(3);
  });

  it('answers with the last value of an older version while the newer one computes, if recent enough', async () => {
    let now = 1_000;
    const cache = new VersionedCache<string>({ maxEntries: 4, concurrency: 1, now: () => now });
    expect(await cache.lookup('plan', 1n, async () => 'v1', 60_000).value).toBe('v1');
    const gate = deferred<string>();
    now += 30_000;
    const first = cache.lookup('plan', 2n, () => gate.promise, 60_000);
    expect(first).toMatchObject({ stale: true, at: 1_000 });
    expect(await first.value).toBe('v1');
    // Others asking meanwhile get the older value too and start nothing more.
    const second = cache.lookup('plan', 2n, async () => 'again', 60_000);
    expect(second).toMatchObject({ stale: true, newer: first.newer });
    expect(await second.value).toBe('v1');
    // A caller that allows no staleness waits for the newer value.
    const strict = cache.lookup('plan', 2n, async () => 'again');
    expect(strict.stale).toBe(false);
    gate.resolve('v2');
    expect(await strict.value).toBe('v2');
    expect(cache.lookup('plan', 2n, async () => 'again', 60_000)).toMatchObject({ stale: false, at: 31_000 });
    expect(cache.stats()).toMatchObject({ computed: 2, stale: 2, joined: 1, hits: 1 });
  });

  it('waits for the newer value when the older one is too old, and keeps the older one when the newer fails', async () => {
    let now = 0;
    const cache = new VersionedCache<string>({ maxEntries: 4, concurrency: 1, now: () => now });
    await cache.lookup('plan', 1n, async () => 'v1', 60_000).value;
    now = 61_000;
    const late = cache.lookup('plan', 2n, async () => 'v2', 60_000);
    expect(late.stale).toBe(false);
    expect(await late.value).toBe('v2');
    now = 62_000;
    const failing = cache.lookup('plan', 3n, () => Promise.reject(new Error('database gone')), 60_000);
    expect(await failing.value).toBe('v2');
    await expect(failing.newer).rejects.toThrow('database gone');
    // The failed computation is not kept: the next call computes again, answered by v2 meanwhile.
    const retry = cache.lookup('plan', 3n, async () => 'v3', 60_000);
    expect(retry.stale).toBe(true);
    expect(await retry.newer).toBe('v3');
    expect(await cache.get('plan', 3n, async () => 'never')).toBe('v3');
  });

  it('starts no computation behind a stale answer when told not to, and computes once the value is too old', async () => {
    let now = 0;
    const cache = new VersionedCache<string>({ maxEntries: 4, concurrency: 1, now: () => now });
    await cache.lookup('plan', 1n, async () => 'v1', 60_000, false).value;
    now = 10_000;
    let computed = 0;
    const behind = cache.lookup('plan', 2n, async () => `v2 ${++computed}`, 60_000, false);
    expect(behind).toMatchObject({ stale: true, newer: undefined });
    expect(await behind.value).toBe('v1');
    expect(computed).toBe(0);
    // The caller's own schedule (the background refresh) computes it; then it answers.
    expect(await cache.get('plan', 2n, async () => `v2 ${++computed}`)).toBe('v2 1');
    expect(cache.lookup('plan', 2n, async () => 'never', 60_000, false)).toMatchObject({ stale: false });
    now = 100_000;
    const late = cache.lookup('plan', 3n, async () => `v3 ${++computed}`, 60_000, false);
    expect(late.stale).toBe(false);
    expect(await late.value).toBe('v3 2');
  });

  it('with maxEntries 0 computes every call', async () => {
    const cache = new VersionedCache<number>({ maxEntries: 0, concurrency: 1 });
    let n = 0;
    await Promise.all([cache.get('a', 1n, async () => ++n), cache.get('a', 1n, async () => ++n)]);
    expect(n).toBe(2);
  });
});

describe('deepFreeze', () => {
  it('freezes nested arrays, objects and Map values', () => {
    const value = deepFreeze({ rows: [{ a: 1 }], byKey: new Map([['x', { b: 2 }]]) });
    expect(Object.isFrozen(value.rows[0])).toBe(true);
    expect(Object.isFrozen(value.byKey.get('x'))).toBe(true);
    expect(() => {
      (value.rows as { a: number }[]).push({ a: 2 });
    }).toThrow(TypeError);
  });
});
