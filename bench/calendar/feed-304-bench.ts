import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { CalendarRepository } from '../../src/calendar/calendar.repository.js';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import { AccessService } from '../../src/common/auth/access.service.js';
import type { AppConfig } from '../../src/common/config/app-config.js';
import { buildDataSourceOptions } from '../../src/common/database/data-source-options.js';
import { schemaMigrations } from '../../src/database-schema.js';
import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { SystemClock } from '../../src/shared/time/clock.js';

const ITERATIONS = 3_000;
const WARMUP = 300;
const MEMBERS = 2_000;

interface Timing {
  median: number;
  p95: number;
  p99: number;
}

function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p95: at(0.95), p99: at(0.99) };
}

async function elapsed(task: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await task();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * The 304 decision a polling calendar app costs us: token hash → feed + revision (one indexed query) →
 * etagFor → compare. Measured against `SELECT 1` over the same pool in the same run, so the ratio says
 * how much the decision adds to a bare round trip. Runs in a throw-away database with the demo
 * organisation, MEMBERS members with a feed link each and a revision row per member.
 */
export async function measureNotModifiedPath(adminUrl: string): Promise<string> {
  const name = `akasse_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const db = new DataSource(
    buildDataSourceOptions(adminUrl.replace(/\/[^/]*$/, `/${name}`), { migrations: schemaMigrations }, 4),
  );
  try {
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    const config = { demoSeed: 1, demoScale: 1, publicBaseUrl: 'https://akasse.example' } as AppConfig;
    await new DemoDataService(db, config, new SystemClock()).load({ seed: 1, scale: 1, today: new Date() });
    const memberIds: string[] = (
      await db.query(
        `INSERT INTO member (member_number, home_office_id, first_unemployment_day, risk, target_group)
         SELECT 'B-' || i, (SELECT id FROM office ORDER BY code LIMIT 1), DATE '2026-11-02', 'low', 'low-risk'
         FROM generate_series(1, $1) i RETURNING id`,
        [MEMBERS],
      )
    ).map((row: { id: string }) => row.id);
    await db.query(
      `INSERT INTO calendar_feed_change (kind, subject_id, bumps, changed_at)
       SELECT 'member', id, 1 + (random() * 50)::int, now() - random() * interval '30 days' FROM member`,
    );
    const service = new CalendarService(new CalendarRepository(db), config, new SystemClock(), new AccessService());
    const central = { role: 'central-coordinator' as const, subjectId: '00000000-0000-4000-8000-000000000001' };
    const tokens: string[] = [];
    for (const id of memberIds) {
      const link = await service.createFeedLink(central, 'member', id);
      tokens.push(/\/calendar\/([^/]+)\.ics$/.exec(link.url)?.[1] as string);
    }
    // One at a time: 2,000 at once wait longer for one of the 4 pooled connections than the pool allows on a busy machine.
    const etags: string[] = [];
    for (const token of tokens) etags.push((await service.tokenFeed(token, {}, false)).etag);

    const baseline: number[] = [];
    const decision: number[] = [];
    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      const k = i % tokens.length;
      const a = await elapsed(() => db.query('SELECT 1'));
      const b = await elapsed(async () => {
        const response = await service.tokenFeed(tokens[k], { ifNoneMatch: etags[k] }, true);
        if (response.status !== 304) throw new Error('expected 304');
      });
      if (i >= WARMUP) {
        baseline.push(a);
        decision.push(b);
      }
    }
    const base = summarise(baseline);
    const path = summarise(decision);
    const ms = (value: number) => value.toFixed(3);
    return [
      `304 decision path, ${ITERATIONS} interleaved calls over ${MEMBERS} member feeds (PostgreSQL ${(await db.query('SHOW server_version'))[0].server_version}, pool of 4)`,
      '',
      '| measurement | median ms | p95 ms | p99 ms |',
      '|---|---:|---:|---:|',
      `| \`SELECT 1\` round trip (baseline) | ${ms(base.median)} | ${ms(base.p95)} | ${ms(base.p99)} |`,
      `| token → feed + revision → etagFor → 304 | ${ms(path.median)} | ${ms(path.p95)} | ${ms(path.p99)} |`,
      `| ratio 304 path / baseline | ${(path.median / base.median).toFixed(2)}× | ${(path.p95 / base.p95).toFixed(2)}× | ${(path.p99 / base.p99).toFixed(2)}× |`,
      '',
    ].join('\n');
  } finally {
    if (db.isInitialized) await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
