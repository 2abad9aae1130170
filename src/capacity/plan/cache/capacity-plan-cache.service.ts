import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { once } from 'node:events';
import { createGzip, gunzip } from 'node:zlib';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { AccessService } from '../../../common/auth/access.service.js';
import type { Principal } from '../../../common/auth/principal.js';
import { APP_CONFIG } from '../../../common/config/config.module.js';
import type { AppConfig } from '../../../common/config/app-config.js';
import { Clock } from '../../../shared/time/clock.js';
import { addDays, localDate, mondayOf } from '../../../shared/time/index.js';
import { CapacityPlanService } from '../capacity-plan.service.js';
import type { CapacityPlanningInputsService } from '../capacity-planning-inputs.service.js';
import type { PlanQuery } from '../../dto/capacity-query.dto.js';
import { AskedPlansRepository } from './asked-plans.repository.js';
import { PlanInputsVersion } from './plan-inputs-version.js';
import { deepFreeze, VersionedCache } from './versioned-cache.js';

export type CapacityPlan = Awaited<ReturnType<CapacityPlanService['plan']>>;

const gunzipAsync = promisify(gunzip);

/**
 * A kept plan: its JSON gzip-compressed, with that JSON's ETag, made once per plan and inputs version. Only the
 * compressed bytes are kept (at scale 9 a 26-week plan is 72 MB of JSON and 6 MB of gzip), so a kept plan cannot be
 * changed by a caller either. A client that takes gzip gets the bytes as they are; any other gets them inflated (on
 * libuv's thread pool, not the event loop); the CSV reads the plan back from them.
 */
export class KeptPlan {
  private constructor(
    /** The plan's first Monday (the CSV's file name). */
    readonly from: string,
    readonly gzipped: Buffer,
    /** A weak ETag of the kept bytes, the same for either encoding (Express would hash the whole text for every response). */
    readonly etag: string,
  ) {}

  /**
   * The JSON is written in pieces (the long arrays some thousand items at a time) into a gzip stream, so libuv's
   * thread pool compresses one piece while the event loop writes the next; the ETag is the SHA-1 of the gzip bytes,
   * which change whenever the JSON does (at scale 9 hashing the 120 MB of JSON took longer than its 11 MB of gzip).
   */
  static async of(plan: CapacityPlan): Promise<KeptPlan> {
    // Level 1: 0.65 s for those 120 MB instead of level 6's 1.8 s, for 11.3 MB instead of 9.4 MB. Output buffers of
    // 1 MB, not 16 KB: each fills after about 200 KB of JSON, and each refill waits for the event loop, which is busy
    // writing the next piece, so compressing a 4 M-character batch took some twenty round trips instead of one.
    const gzipper = createGzip({ level: 1, chunkSize: GZIP_CHUNK_BYTES });
    const hash = createHash('sha1');
    const chunks: Buffer[] = [];
    gzipper.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      hash.update(chunk);
    });
    const ended = once(gzipper, 'end');
    ended.catch(() => undefined); // awaited below; an error while writing rejects `written` first
    let written: Promise<unknown> = Promise.resolve();
    const write = async (text: string) => {
      await written;
      // The next piece waits a turn of the event loop at least: keeping a 72 MB plan is otherwise one block of a second
      // that requests (kept plans answered meanwhile) wait behind.
      written = gzipper.write(text) ? nextTurn() : once(gzipper, 'drain');
    };
    // Small pieces (the summary, a short list) go together: each write is a round trip to the thread pool. A long
    // array's piece is written as it is: joined to a batch it would be copied once more (72 MB at scale 9).
    let batch = '';
    try {
      for (const piece of jsonPieces(plan)) {
        if (piece.length >= LONG_PIECE_CHARS) {
          if (batch) await write(batch);
          batch = '';
          await write(piece);
          continue;
        }
        batch += piece;
        if (batch.length < WRITE_CHARS) continue;
        await write(batch);
        batch = '';
      }
      await written;
    } catch (error) {
      gzipper.destroy();
      throw error;
    }
    gzipper.end(batch);
    await ended;
    return new KeptPlan(plan.from, Buffer.concat(chunks), `W/"${hash.digest('base64url')}"`);
  }

  async json(): Promise<Buffer> {
    return gunzipAsync(this.gzipped);
  }

  async value(): Promise<CapacityPlan> {
    return JSON.parse((await this.json()).toString('utf8')) as CapacityPlan;
  }
}

/** Items of an array per piece of `jsonPieces`: at scale 9 about 4 MB of plan rows. */
const PIECE_ITEMS = 10_000;
/** Pieces are written to the gzip stream once they add up to this many characters (4 M; or at the end). */
const WRITE_CHARS = 1 << 22;
/** Pieces at least this long (1 M characters) are written on their own. */
const LONG_PIECE_CHARS = 1 << 20;
/** The gzip stream's output buffer: more than a batch of WRITE_CHARS compresses to (about 350 KB at level 1). */
const GZIP_CHUNK_BYTES = 1 << 20;

/**
 * `JSON.stringify(value)` of a plain object, in pieces that join to exactly that text: each top-level array of more
 * than PIECE_ITEMS items is written that many items at a time. Made lazily, one piece per step.
 */
export function* jsonPieces(value: object): Generator<string> {
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    const head = `${first ? '{' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (!Array.isArray(item) || item.length <= PIECE_ITEMS) {
      yield head + JSON.stringify(item);
      continue;
    }
    yield `${head}[`;
    for (let start = 0; start < item.length; start += PIECE_ITEMS) {
      // The comma on its own: prefixed, the text would be copied to a new string.
      if (start > 0) yield ',';
      yield JSON.stringify(item.slice(start, start + PIECE_ITEMS)).slice(1, -1);
    }
    yield ']';
  }
  yield first ? '{}' : '}';
}

/** The same query as a stable string: keys in order, absent and undefined alike. */
function stableJson(value: object): string {
  return JSON.stringify(
    Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, (value as Record<string, unknown>)[k]]),
  );
}

/** Plans asked for within this long are computed again in the background when an input changes. */
const REFRESH_RECENT_MS = 60 * 60 * 1000;
/**
 * Plans asked for within this long are computed again when the day turns (a plan is kept per day, because "today"
 * moves its weeks): otherwise the first coordinator of every morning waited for a cold plan. A week, so Monday
 * morning has Friday's plans.
 */
const REFRESH_NEW_DAY_MS = 7 * 24 * 60 * 60 * 1000;
/** A plan asked for again is written down again (capacity_plan_asked) at most this often. */
const RECORD_ASKED_EVERY_MS = 10 * 60 * 1000;

/** A kept plan as answered: `stale` when it is of older inputs and the plan of the newer ones is being computed. */
export interface PlanAnswer {
  kept: KeptPlan;
  stale: boolean;
  /** When the plan was asked to be computed: it reflects at least the inputs committed then. */
  inputsAt: Date;
}

interface Asked {
  principal: Principal;
  query: PlanQuery;
  at: number;
}

/**
 * The capacity plan, computed once per query, audience and inputs version (see PlanInputsVersion) and kept until an
 * input changes or the day does. A plan depends on its caller only through the role and the department scope, so
 * those are the audience: an office coordinator never gets another department's plan. Identical concurrent requests
 * share one computation, and at most CAPACITY_PLAN_CONCURRENCY computations run at once. Every
 * CAPACITY_PLAN_REFRESH_SECONDS the inputs version is read, and when it grew the plans asked for in the last hour are
 * computed again in the background, so the next coordinator does not wait for them; when the day turned, those asked
 * for in the last week are. Every booking is an input, so on a busy day the inputs change every few seconds: a plan
 * kept at most CAPACITY_PLAN_MAX_STALE_SECONDS answers (marked stale), and the refresh computes the newer one. The
 * plans asked for are written down (AskedPlansRepository), so a process started afresh computes them before anyone
 * asks again (`warmAskedPlans`).
 */
@Injectable()
export class CapacityPlanCacheService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CapacityPlanCacheService.name);
  private readonly cache: VersionedCache<KeptPlan>;
  private readonly asked = new Map<string, Asked>();
  /** When each asked plan was last written down. */
  private readonly recorded = new Map<string, number>();
  private readonly failureWatched = new WeakSet<Promise<KeptPlan>>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private refreshedVersion: bigint | undefined;
  private refreshedDay: string | undefined;
  private stopping = false;

  constructor(
    @Inject(CapacityPlanService) private readonly plans: CapacityPlanService,
    @Inject(PlanInputsVersion) private readonly versions: PlanInputsVersion,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(AskedPlansRepository) private readonly askedPlans: AskedPlansRepository,
  ) {
    this.cache = new VersionedCache({
      maxEntries: config.capacityPlanCacheEntries,
      concurrency: config.capacityPlanConcurrency,
      now: () => clock.now().getTime(),
    });
  }

  private get computesInBackground(): boolean {
    return this.cache.enabled && this.config.capacityPlanRefreshSeconds > 0;
  }

  onModuleInit(): void {
    if (!this.computesInBackground) return;
    this.timer = setInterval(
      () => this.inBackground(() => this.refresh()),
      this.config.capacityPlanRefreshSeconds * 1000,
    );
    this.timer.unref();
  }

  /**
   * Computes, in the background, the plans asked for in the last week as written down by any process before: called
   * by the API process once it listens, so that after a deploy or restart the first coordinator does not wait.
   */
  warmAskedPlans(): void {
    if (this.computesInBackground) this.inBackground(() => this.warm());
  }

  /** One background computation at a time (refresh or warm-up); shutdown waits for it. */
  private inBackground(task: () => Promise<unknown>): void {
    this.refreshing ??= task()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn(`Computing kept capacity plans failed: ${String(error)}`))
      .finally(() => {
        this.refreshing = undefined;
      });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.refreshing;
  }

  async plan(principal: Principal, asked: PlanQuery): Promise<PlanAnswer> {
    // The CSV dialect only renders the answer: JSON and every CSV share one kept plan.
    const { dialect: _dialect, ...query } = asked;
    if (!this.cache.enabled) {
      const inputsAt = this.clock.now();
      return { kept: await KeptPlan.of(await this.plans.plan(principal, query)), stale: false, inputsAt };
    }
    const askedAt = this.clock.now().getTime();
    const version = await this.versions.current();
    this.refreshedVersion ??= version;
    this.refreshedDay ??= localDate(this.clock.now());
    const audience: Principal = {
      role: principal.role,
      ...(principal.departmentId ? { departmentId: principal.departmentId } : {}),
    };
    const key = this.keyOf(audience, query);
    const found = this.kept(key, version, audience, query, this.config.capacityPlanMaxStaleSeconds * 1000);
    const kept = await found.value;
    // Remembered (without the day, so that the plan asked yesterday is the one computed again today) only once it
    // could be computed: a query that fails, such as one naming no stored scenario, is not computed in the background
    // again and again, nor does it push a coordinator's plan out of those kept warm.
    // Awaited (a write at most every 10 minutes per plan; its failure is only logged), so that a plan answered is one
    // a process started afterwards warms.
    await this.remember(this.askedKeyOf(audience, query), { principal: audience, query, at: askedAt });
    return { kept, stale: found.stale, inputsAt: new Date(found.at) };
  }

  /**
   * Computes the recently asked plans again when the inputs version grew, or the day turned, since the last look; one
   * at a time.
   */
  async refresh(): Promise<number> {
    const version = await this.versions.current();
    const now = this.clock.now();
    const day = localDate(now);
    const newDay = this.refreshedDay !== undefined && day !== this.refreshedDay;
    if (this.refreshedVersion === undefined || (version <= this.refreshedVersion && !newDay)) {
      this.refreshedVersion ??= version;
      this.refreshedDay ??= day;
      return 0;
    }
    this.refreshedVersion = version;
    this.refreshedDay = day;
    if (newDay) await this.forgetAskedBefore(new Date(now.getTime() - REFRESH_NEW_DAY_MS));
    return this.computeAsked(version, now, newDay ? REFRESH_NEW_DAY_MS : REFRESH_RECENT_MS);
  }

  /**
   * Deletes the plans asked for before `before` from capacity_plan_asked: at a warm-up and once a day, so a process
   * that runs for months does not keep every query ever asked. A failure is only logged: the rows are not read again.
   */
  private async forgetAskedBefore(before: Date): Promise<void> {
    try {
      await this.askedPlans.forgetBefore(before);
    } catch (error) {
      this.logger.warn(`Deleting old asked capacity plans failed: ${String(error)}`);
    }
  }

  /** Reads the plans asked for in the last week (written down by any process) and computes them. */
  async warm(): Promise<number> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - REFRESH_NEW_DAY_MS);
    const rows = await this.askedPlans.askedSince(since);
    await this.forgetAskedBefore(since);
    for (const row of rows) {
      if (this.asked.has(row.askedKey)) continue;
      const principal: Principal = { role: row.role, ...(row.departmentId ? { departmentId: row.departmentId } : {}) };
      void this.remember(
        row.askedKey,
        { principal, query: row.query, at: row.askedAt.getTime() },
        row.askedAt.getTime(),
      );
    }
    const version = await this.versions.current();
    this.refreshedVersion ??= version;
    this.refreshedDay ??= localDate(now);
    return this.computeAsked(version, now, REFRESH_NEW_DAY_MS);
  }

  /** Computes the plans asked for within `within` before `now`, most recently asked first, each once. */
  private async computeAsked(version: bigint, now: Date, within: number): Promise<number> {
    const today = localDate(now);
    const done = new Set<string>();
    for (const asked of [...this.asked.values()].reverse()) {
      if (this.stopping) break;
      if (now.getTime() - asked.at > within) continue;
      const query = rolledForward(asked, today);
      const key = this.keyOf(asked.principal, query);
      if (done.has(key)) continue;
      done.add(key);
      await this.failureSaidOnce(this.kept(key, version, asked.principal, query).value);
    }
    return done.size;
  }

  /**
   * Keeps `asked` as the last asking of its plan (the most recent last, at most as many as plans are kept), and
   * writes it down for the next process unless it was written down recently (`recordedAt`: it already is).
   */
  private async remember(askedKey: string, asked: Asked, recordedAt?: number): Promise<void> {
    this.asked.delete(askedKey);
    this.asked.set(askedKey, asked);
    while (this.asked.size > this.config.capacityPlanCacheEntries) {
      const oldest = this.asked.keys().next().value as string;
      this.asked.delete(oldest);
      this.recorded.delete(oldest);
    }
    if (recordedAt !== undefined) {
      this.recorded.set(askedKey, recordedAt);
      return;
    }
    if (asked.at - (this.recorded.get(askedKey) ?? Number.NEGATIVE_INFINITY) < RECORD_ASKED_EVERY_MS) return;
    this.recorded.set(askedKey, asked.at);
    try {
      await this.askedPlans.record({
        askedKey,
        role: asked.principal.role,
        departmentId: asked.principal.departmentId ?? null,
        query: asked.query,
        askedAt: new Date(asked.at),
      });
    } catch (error) {
      this.recorded.delete(askedKey);
      this.logger.warn(`Writing down an asked capacity plan failed: ${String(error)}`);
    }
  }

  stats() {
    return this.cache.stats();
  }

  clear(): void {
    this.cache.clear();
  }

  /** Who asks (role and department scope) and what, without the day. */
  private askedKeyOf(principal: Principal, query: PlanQuery): string {
    return stableJson({
      role: principal.role,
      department: this.access.departmentFilter(principal) ?? null,
      query: stableJson(query),
    });
  }

  private keyOf(principal: Principal, query: PlanQuery): string {
    return stableJson({ asked: this.askedKeyOf(principal, query), day: localDate(this.clock.now()) });
  }

  private kept(key: string, version: bigint, principal: Principal, query: PlanQuery, maxStaleMs = 0) {
    // Behind a stale answer the background refresh computes the newer plan, one plan at a time, within
    // CAPACITY_PLAN_REFRESH_SECONDS: a request starting one per change would keep the machine computing plans all day.
    const found = this.cache.lookup(
      key,
      version,
      async () => KeptPlan.of(await this.plans.plan(principal, query)),
      maxStaleMs,
      !this.computesInBackground,
    );
    // Nobody awaits the newer plan behind a stale answer: its failure is said here.
    if (found.newer) void this.failureSaidOnce(found.newer);
    return found;
  }

  /**
   * Logs the failure of a computation no request awaits (the newer plan behind stale answers, a background one) once,
   * however many stale answers and refreshes it is behind; settles with undefined then.
   */
  private failureSaidOnce(computation: Promise<KeptPlan>): Promise<KeptPlan | undefined> {
    if (!this.failureWatched.has(computation)) {
      this.failureWatched.add(computation);
      computation.catch((error: unknown) => this.logger.warn(`Computing a capacity plan failed: ${String(error)}`));
    }
    return computation.catch(() => undefined);
  }
}

/** The web app's default first week: the Monday of the week after `day`. */
const comingMonday = (day: string) => mondayOf(addDays(day, 7));

/**
 * The query to compute today for a plan asked for before: one from the coming Monday (the web app's default) moves on
 * to today's coming Monday, so on a Monday the new week's plan is the one computed, not last week's.
 */
function rolledForward(asked: Asked, today: string): PlanQuery {
  const from = asked.query.from;
  if (from === undefined || mondayOf(from) !== comingMonday(localDate(asked.at))) return asked.query;
  return { ...asked.query, from: comingMonday(today) };
}

/** Token of the planning inputs as computed, without the cache. */
export const UNCACHED_PLANNING_INPUTS = Symbol('UNCACHED_PLANNING_INPUTS');

/**
 * The planning inputs (forecast projection, demand, staff supply) are the same for every audience: they are kept per
 * arguments and inputs version, so the plans of 31 departments after a change read the database once. The service's
 * own `build` is wrapped, whatever its arguments.
 */
export function versionedPlanningInputs(
  inner: CapacityPlanningInputsService,
  versions: PlanInputsVersion,
  clock: Clock,
  config: AppConfig,
): CapacityPlanningInputsService {
  type Built = Awaited<ReturnType<CapacityPlanningInputsService['build']>>;
  const cache = new VersionedCache<Built>({
    maxEntries: Math.min(config.capacityPlanCacheEntries, 8),
    concurrency: Number.POSITIVE_INFINITY,
  });
  if (!cache.enabled) return inner;
  const build = inner.build.bind(inner);
  const freeze = config.nodeEnv !== 'production';
  inner.build = async (...args: Parameters<CapacityPlanningInputsService['build']>) => {
    const version = await versions.current();
    const key = JSON.stringify([localDate(clock.now()), ...args]);
    const kept = cache.get(key, version, async () => {
      const built = await build(...args);
      return freeze ? deepFreeze(built) : built;
    });
    // The actuals are still being read when the inputs are kept: inputs whose actuals failed are not kept either.
    const built = await kept;
    built.actuals?.catch(() => cache.forget(key, kept));
    return built;
  };
  return inner;
}
