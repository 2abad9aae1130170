import { SystemClock } from '../../src/shared/time/clock.js';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { writeSubsections } from '../benchmarks-md.js';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/common/config/app-config.js';
import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { renderMessage, textToHtml } from '../../src/messaging/core/render.js';
import { MAX_BATCH, SENDS_IN_FLIGHT } from '../../src/messaging/core/job-shape.js';
import { WorkerModule } from '../../src/worker.module.js';
import { runScanBench } from './scan-bench.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** The direct baseline keeps as many sends in flight as one delivery job does. */
const CONCURRENCY = SENDS_IN_FLIGHT;
const SECTION = '## Messages';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A local SMTP server that only counts (parsing is not what is measured). */
async function countingSmtp(): Promise<{ url: string; count(): number; close(): Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        callback(null, 'Queued');
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    count: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * 10,000 e-mails through the whole path — outbox rows committed in PostgreSQL → relay → BullMQ queue → worker
 * (claim, render, nodemailer pooled SMTP, log) — against the same number of pre-rendered e-mails sent with
 * nodemailer directly (same pool size, same concurrency), alternating, in one process and one run.
 */
async function run(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const only = process.argv.includes('--scan') ? 'scan' : process.argv.includes('--delivery') ? 'delivery' : 'both';
  const file = path.resolve('BENCHMARKS.md');
  if (only !== 'scan') {
    const body = await runDelivery(adminUrl, redisUrl);
    await writeSubsections(file, SECTION, body);
  }
  if (only !== 'delivery') {
    const body = await runScanBench(adminUrl, redisUrl);
    console.log(body);
    await writeSubsections(file, SECTION, body);
  }
}

async function runDelivery(adminUrl: string, redisUrl: string): Promise<string> {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const databaseName = `akasse_bench_msg_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  const databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${databaseName}`);
  const prefix = `akasse-bench-${runId}`;
  const smtp = await countingSmtp();
  const config = loadConfig({
    NODE_ENV: 'test',
    REDIS_KEY_PREFIX: prefix,
    DEMO_DATA: 'false',
    SMTP_URL: smtp.url,
    MESSAGE_EMAIL_PER_SECOND: '10000',
    DATABASE_POOL_SIZE: '10',
    LOG_LEVEL: 'silent',
  });
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ config, databaseUrl, redisUrl, jwtSecret: randomBytes(32).toString('hex') }),
    { logger: false },
  );
  const db = app.get(DataSource);
  try {
    await new DemoDataService(db, config, new SystemClock()).load({ seed: 1, scale: 1, today: new Date() });
    const [office] = await db.query(`SELECT id, name, street, postcode, city FROM office ORDER BY code LIMIT 1`);
    const members: string[] = (
      await db.query(
        `INSERT INTO member (member_number, email, home_office_id, first_unemployment_day, risk, target_group)
         SELECT 'BENCH-' || i, 'member' || i || '@bench.example', $1, DATE '2026-11-02', 'low', 'low-risk' FROM generate_series(1, 100) i RETURNING id`,
        [office.id],
      )
    ).map((r: { id: string }) => r.id);
    const [template] = await db.query(
      `SELECT subject, body FROM message_template WHERE event = 'booking-confirmed' AND channel = 'email' AND language = 'da'`,
    );
    const [activity] = await db.query(`SELECT name_da AS name FROM activity_type WHERE code = 'follow-up'`);
    const start = new Date(Date.now() + 10 * 86_400_000);
    const payload = {
      activityCode: 'follow-up',
      officeId: office.id,
      start: start.toISOString(),
      end: new Date(start.getTime() + 1_800_000).toISOString(),
      meetingChannel: 'in-person',
    };

    const pathRates: number[] = [];
    const directRates: number[] = [];
    const jobCounts: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const direct = async () => {
        // Direct: pre-rendered, nodemailer pooled transport, CONCURRENCY sends in flight.
        const rendered = renderMessage(template, 'booking-confirmed', 'email', 'da', payload, {
          activityName: activity.name,
          officeName: office.name,
          address: `${office.street}, ${office.postcode} ${office.city}`,
          link: 'https://akasse.example/member',
        });
        const html = textToHtml(rendered.subject, rendered.text);
        const transport = nodemailer.createTransport(`${smtp.url}?pool=true&maxConnections=5`);
        let next = 0;
        const directStart = performance.now();
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            for (let i = next++; i < MESSAGES; i = next++) {
              await transport.sendMail({
                from: config.messaging.mailFrom,
                to: `member${(i % 100) + 1}@bench.example`,
                subject: rendered.subject,
                text: rendered.text,
                html,
              });
            }
          }),
        );
        directRates.push(MESSAGES / ((performance.now() - directStart) / 1000));
        transport.close();
      };

      // Whole path: commit the outbox rows, then wait until the delivery log says every one was sent.
      const wholePath = async (label: string) => {
        const pathStart = performance.now();
        const [{ first, last }] = await db.query(
          `WITH added AS (
             INSERT INTO message (event, event_key, member_id, channel, language, office_id, payload)
             SELECT 'booking-confirmed', 'bench:' || $1 || ':' || i, ($2::uuid[])[1 + i % 100], 'email', 'da', $3, $4 FROM generate_series(1, $5) i RETURNING id
           ) SELECT min(id)::text AS first, max(id)::text AS last FROM added`,
          [label, members, office.id, JSON.stringify(payload), MESSAGES],
        );
        for (;;) {
          // An id range (primary key), not a LIKE over the growing table: the poll must not slow what it measures.
          const [{ n }] = await db.query(
            `SELECT count(*)::int AS n FROM message WHERE id BETWEEN $1 AND $2 AND event_key LIKE $3 AND status = 'sent'`,
            [first, last, `bench:${label}:%`],
          );
          if (n === MESSAGES) break;
          await sleep(50);
        }
        const rate = MESSAGES / ((performance.now() - pathStart) / 1000);
        jobCounts.push(
          (
            await db.query(`SELECT count(DISTINCT job_key)::int AS n FROM message WHERE id BETWEEN $1 AND $2`, [
              first,
              last,
            ])
          )[0].n,
        );
        return rate;
      };
      // Alternating which goes first, so a busy moment on the shared machine does not always hit the same one.
      if (round % 2 === 0) {
        await direct();
        pathRates.push(await wholePath(`path${round}`));
      } else {
        pathRates.push(await wholePath(`path${round}`));
        await direct();
      }
      console.log(
        `round ${round + 1}: direct ${directRates[round].toFixed(0)}/s, whole path ${pathRates[round].toFixed(0)}/s`,
      );
    }
    const ratio = median(pathRates) / median(directRates);
    const body = [
      '### E-mail delivery: the whole path vs nodemailer direct',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:messages\` (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; ${ROUNDS === 1 ? '1 round' : `${ROUNDS} alternating rounds`} of ${MESSAGES.toLocaleString('en')} e-mails each${ROUNDS === 1 ? '' : ', medians'}).`,
      `The whole path is outbox rows committed in PostgreSQL → relay (one statement claims the due rows, marks them \`queued\` and gives each batch of up to ${MAX_BATCH} messages of one channel a job key from \`message_job_key_seq\`) → BullMQ \`messages-email\`, one job per batch (its id derived from the key, its data only the key; ${jobCounts.join(', ')} jobs for the rounds' ${MESSAGES.toLocaleString('en')} e-mails) → worker (claims its batch by key in one statement, renders from the template table, ${SENDS_IN_FLIGHT} sends in flight over nodemailer's pooled SMTP transport, results and delivery log written 10 per statement). Retries, backoff and dead letters stay per message: a failed message goes back as \`retrying\` and into a later batch. The baseline sends the same pre-rendered e-mails with nodemailer directly (pool of 5 connections, ${CONCURRENCY} in flight, as one job). Both to a local counting SMTP server in the same process. No \`.ics\` attachment (the messages have no booking).`,
      '',
      '| Path | e-mails / s (median) | vs direct |',
      '|---|---:|---:|',
      `| nodemailer direct (baseline) | ${median(directRates).toFixed(0)} | 1.00 |`,
      `| outbox → queue → render → SMTP, one job per batch of up to ${MAX_BATCH} | ${median(pathRates).toFixed(0)} | ${ratio.toFixed(2)} |`,
      '',
      `Rounds (direct / whole path, e-mails/s, ratio): ${directRates.map((d, i) => `${d.toFixed(0)} / ${pathRates[i].toFixed(0)} (${(pathRates[i] / d).toFixed(2)})`).join('; ')}.`,
    ].join('\n');
    console.log(body);
    return body;
  } finally {
    await app.close();
    await smtp.close();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
    redis.disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
  }
}

run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
