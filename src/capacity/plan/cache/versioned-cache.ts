/**
 * Values computed from inputs that carry a version (a number that grows with every committed change), kept until the
 * inputs change. A value computed at version v reflects at least the state at v, so a request at version v may be
 * answered with any entry of version ≥ v. Concurrent requests for the same key and version share one computation
 * (single flight), at most `concurrency` computations run at once (the rest queue without holding anything), and
 * the least recently used keys go first when there are more than `maxEntries`. A failed computation is not kept.
 *
 * `lookup` may also answer with the last value of an older version while the newer one is computed (stale while
 * revalidating), if that value was computed recently enough; the older value is kept until the newer one is ready.
 */
export interface VersionedCacheOptions {
  /** Keys kept; 0 turns caching off (every call computes, no single flight, no queue). */
  maxEntries: number;
  /** Computations running at once; further ones wait their turn. Infinity: no limit. */
  concurrency: number;
  /** The time in ms (default Date.now), for how old a value is. */
  now?: () => number;
}

export interface VersionedCacheStats {
  hits: number;
  /** Calls that joined a computation already under way for their key and version. */
  joined: number;
  computed: number;
  /** Calls answered with an older version's value while the newer one was computed. */
  stale: number;
  entries: number;
}

interface Entry<T> {
  version: bigint;
  value: Promise<T>;
  settled: boolean;
  /** When its computation was asked for (`now`, ms). */
  at: number;
}

export interface Lookup<T> {
  value: Promise<T>;
  /** The value is of an older version than asked for; the newer one is being computed (`newer`). */
  stale: boolean;
  newer?: Promise<T>;
  /** When the value's computation was asked for (`now`, ms): it reflects at least the inputs of then. */
  at: number;
}

export class VersionedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  /** The last settled entry of a key whose newer entry is still being computed. */
  private readonly previous = new Map<string, Entry<T>>();
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private readonly counts = { hits: 0, joined: 0, computed: 0, stale: 0 };

  constructor(private readonly options: VersionedCacheOptions) {}

  get enabled(): boolean {
    return this.options.maxEntries > 0;
  }

  get(key: string, version: bigint, compute: () => Promise<T>): Promise<T> {
    return this.lookup(key, version, compute).value;
  }

  /**
   * The value of `key` at `version` or newer; or, while that is computed, the last value of an older version if its
   * computation was asked for at most `maxStaleMs` ago. With `computeBehindStale` false a stale answer starts no
   * computation (one that is under way goes on): the caller brings the value up to date otherwise, on its own schedule.
   */
  lookup(
    key: string,
    version: bigint,
    compute: () => Promise<T>,
    maxStaleMs = 0,
    computeBehindStale = true,
  ): Lookup<T> {
    const at = (this.options.now ?? Date.now)();
    if (!this.enabled) {
      this.counts.computed++;
      return { value: compute(), stale: false, at };
    }
    const recent = (entry: Entry<T> | undefined): entry is Entry<T> =>
      maxStaleMs > 0 && entry !== undefined && entry.settled && at - entry.at <= maxStaleMs;
    const existing = this.entries.get(key);
    if (existing && existing.version >= version) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, existing);
      const older = this.previous.get(key);
      if (!existing.settled && recent(older)) {
        this.counts.stale++;
        return { value: older.value, stale: true, at: older.at, newer: existing.value };
      }
      if (existing.settled) this.counts.hits++;
      else this.counts.joined++;
      return { value: existing.value, stale: false, at: existing.at };
    }
    const older = existing?.settled ? existing : this.previous.get(key);
    if (!computeBehindStale && recent(older)) {
      this.counts.stale++;
      const underWay = existing && !existing.settled ? existing.value : undefined;
      return { value: older.value, stale: true, at: older.at, newer: underWay };
    }
    this.counts.computed++;
    const entry: Entry<T> = { version, value: this.limited(compute), settled: false, at };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (older) this.previous.set(key, older);
    entry.value.then(
      () => {
        entry.settled = true;
        if (this.entries.get(key) === entry) this.previous.delete(key);
      },
      () => {
        if (this.entries.get(key) !== entry) return;
        // The older value stays the key's value: the next call at a newer version computes again.
        const kept = this.previous.get(key);
        this.entries.delete(key);
        this.previous.delete(key);
        if (kept) this.entries.set(key, kept);
      },
    );
    while (this.entries.size > this.options.maxEntries) {
      const evicted = this.entries.keys().next().value as string;
      this.entries.delete(evicted);
      this.previous.delete(evicted);
    }
    if (recent(older)) {
      this.counts.stale++;
      return { value: older.value, stale: true, at: older.at, newer: entry.value };
    }
    return { value: entry.value, stale: false, at };
  }

  clear(): void {
    this.entries.clear();
    this.previous.clear();
  }

  /** Drops the entry of `key` if it is still `value` (a kept value found unusable after it settled). */
  forget(key: string, value: Promise<T>): void {
    if (this.entries.get(key)?.value === value) this.entries.delete(key);
    if (this.previous.get(key)?.value === value) this.previous.delete(key);
  }

  stats(): VersionedCacheStats {
    return { ...this.counts, entries: this.entries.size };
  }

  private async limited(compute: () => Promise<T>): Promise<T> {
    if (this.running < this.options.concurrency) this.running++;
    // A finishing computation hands its slot straight to the next in the queue.
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    try {
      return await compute();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/**
 * Freezes a shared value and everything reachable from it (arrays, plain objects, Map and Set members), so a caller
 * that changes a cached value fails at once instead of changing what the next caller gets.
 */
export function deepFreeze<T>(value: T): T {
  const seen = new Set<unknown>();
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v) || Object.isFrozen(v)) return;
    seen.add(v);
    if (v instanceof Map) {
      for (const [k, item] of v) {
        visit(k);
        visit(item);
      }
      return;
    }
    if (v instanceof Set) {
      for (const item of v) visit(item);
      return;
    }
    if (v instanceof Date) return;
    for (const item of Object.values(v)) visit(item);
    Object.freeze(v);
  };
  visit(value);
  return value;
}
