/**
 * Values computed from inputs that carry a version (a number that grows with every committed change), kept until the
 * inputs change. A value computed at version v reflects at least the state at v, so a request at version v may be
 * answered with any entry of version ≥ v. Concurrent requests for the same key and version share one computation
 * (single flight), at most `concurrency` computations run at once (the rest queue without holding anything), and
 * the least recently used keys go first when there are more than `maxEntries`. A failed computation is not kept.
 */
export interface VersionedCacheOptions {
  /** Keys kept; 0 turns caching off (every call computes, no single flight, no queue). */
  maxEntries: number;
  /** Computations running at once; further ones wait their turn. Infinity: no limit. */
  concurrency: number;
}

export interface VersionedCacheStats {
  hits: number;
  /** Calls that joined a computation already under way for their key and version. */
  joined: number;
  computed: number;
  entries: number;
}

interface Entry<T> {
  version: bigint;
  value: Promise<T>;
  settled: boolean;
}

export class VersionedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private readonly counts = { hits: 0, joined: 0, computed: 0 };

  constructor(private readonly options: VersionedCacheOptions) {}

  get enabled(): boolean {
    return this.options.maxEntries > 0;
  }

  get(key: string, version: bigint, compute: () => Promise<T>): Promise<T> {
    if (!this.enabled) {
      this.counts.computed++;
      return compute();
    }
    const existing = this.entries.get(key);
    if (existing && existing.version >= version) {
      if (existing.settled) this.counts.hits++;
      else this.counts.joined++;
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, existing);
      return existing.value;
    }
    this.counts.computed++;
    const entry: Entry<T> = { version, value: this.limited(compute), settled: false };
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.value.then(
      () => {
        entry.settled = true;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return entry.value;
  }

  clear(): void {
    this.entries.clear();
  }

  /** Drops the entry of `key` if it is still `value` (a kept value found unusable after it settled). */
  forget(key: string, value: Promise<T>): void {
    if (this.entries.get(key)?.value === value) this.entries.delete(key);
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
