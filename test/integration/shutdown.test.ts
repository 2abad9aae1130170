import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { CENTRAL } from '../support/booking-factories.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';
import { readTestEnvironment } from '../support/test-environment.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Outcome {
  status?: number;
  code?: string;
  closing: boolean;
  inFlightAtSignal: boolean;
}

/**
 * The real service process (`node …/src/main.js`, built into a private folder) against the test database and Redis,
 * driven by 40 keep-alive clients: SIGTERM while they run must let every request in flight finish.
 */
describe('graceful shutdown of the service process', () => {
  const buildDir = path.resolve('.data', `shutdown-test-build-${process.pid}`);
  let t: TestApp;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // The test app migrates the database and loads the demo data the spawned service then reads.
    t = await createTestApp();
    // Compiler errors elsewhere in the tree do not stop tsc from emitting; the entry points are what matter.
    await promisify(execFile)('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', buildDir]).catch(() => undefined);
    if (!existsSync(path.join(buildDir, 'src', 'main.js'))) throw new Error('the service did not build');
  }, 180_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(buildDir, { recursive: true, force: true });
    await t?.close();
  });

  function spawnEntry(
    entry: string,
    env: Record<string, string>,
  ): {
    child: ChildProcess;
    output: () => string;
    exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  } {
    const environment = readTestEnvironment();
    const child = spawn(process.execPath, [path.join(buildDir, 'src', entry)], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: environment.databaseUrl,
        REDIS_URL: environment.redisUrl,
        REDIS_KEY_PREFIX: environment.redisPrefix,
        JWT_SECRET: TEST_JWT_SECRET,
        DEMO_DATA: 'false',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    return { child, output: () => output, exited };
  }

  it('drains 40 keep-alive clients on SIGTERM: requests in flight finish, none is reset, exit code 0', async () => {
    const port = await freePort();
    const service = spawnEntry('main.js', { PORT: String(port), SHUTDOWN_TIMEOUT_MS: '120000' });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const status = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      if (Date.now() > deadline || service.child.exitCode !== null)
        throw new Error(`the service did not start:\n${service.output()}`);
      await sleep(200);
    }

    const agent = new http.Agent({ keepAlive: true, maxSockets: 40 });
    const authorization = `Bearer ${t.token(CENTRAL)}`;
    const outcomes: Outcome[] = [];
    const inFlight = new Set<Outcome>();
    const request = () =>
      new Promise<Outcome>((resolve) => {
        const outcome: Outcome = { closing: false, inFlightAtSignal: false };
        inFlight.add(outcome);
        const done = () => {
          inFlight.delete(outcome);
          outcomes.push(outcome);
          resolve(outcome);
        };
        const req = http.get(
          {
            host: '127.0.0.1',
            port,
            agent,
            path: '/api/capacity/plan?from=2026-11-30&weeks=4',
            headers: { authorization },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              outcome.status = res.statusCode;
              outcome.closing = res.headers.connection === 'close';
              done();
            });
          },
        );
        req.on('error', (error: NodeJS.ErrnoException) => {
          outcome.code = error.code ?? error.message;
          done();
        });
      });
    // Each client sends its next request as soon as the last is answered, until the service stops taking them.
    const client = async () => {
      for (;;) {
        const outcome = await request();
        if (outcome.code || outcome.closing) return;
      }
    };
    const clients = Promise.all(Array.from({ length: 40 }, client));

    await sleep(8000);
    const beforeSignal = outcomes.length;
    for (const outcome of inFlight) outcome.inFlightAtSignal = true;
    const inFlightAtSignal = inFlight.size;
    service.child.kill('SIGTERM');
    const exit = await service.exited;
    await clients;
    agent.destroy();

    const count = (list: Outcome[], key: (o: Outcome) => string) =>
      list.reduce<Record<string, number>>((acc, o) => ({ ...acc, [key(o)]: (acc[key(o)] ?? 0) + 1 }), {});
    const label = (o: Outcome) => o.code ?? String(o.status);
    const underLoad = count(outcomes.slice(0, beforeSignal), label);
    const atSignal = outcomes.filter((o) => o.inFlightAtSignal);
    const afterSignal = outcomes.slice(beforeSignal);
    const resets = afterSignal.filter((o) => o.code && o.code !== 'ECONNREFUSED');
    console.warn(
      `40 keep-alive clients on /api/capacity/plan: before SIGTERM ${JSON.stringify(underLoad)}; in flight at SIGTERM ${inFlightAtSignal}, answered ` +
        `${JSON.stringify(count(atSignal, label))}; after SIGTERM ${JSON.stringify(count(afterSignal, label))}; resets ${resets.length}; exit ${exit.code ?? exit.signal}`,
    );

    expect(Object.keys(underLoad)).toEqual(['200']);
    expect(inFlightAtSignal).toBeGreaterThan(0);
    expect(atSignal.map(label)).toEqual(atSignal.map(() => '200'));
    expect(resets.map(label)).toEqual([]);
    expect(afterSignal.filter((o) => o.status !== undefined && o.status !== 200)).toEqual([]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(service.output()).toMatch(/Shutting down/);
    // A busy machine answers 40 concurrent plans slowly: the drain may take a while, within SHUTDOWN_TIMEOUT_MS.
  }, 240_000);

  it('stops a worker process on SIGTERM with exit code 0', async () => {
    const worker = spawnEntry('worker.js', {});
    const deadline = Date.now() + 60_000;
    while (!/Worker ready/.test(worker.output())) {
      if (Date.now() > deadline || worker.child.exitCode !== null)
        throw new Error(`the worker did not start:\n${worker.output()}`);
      await sleep(100);
    }
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.output()).toMatch(/Worker shutting down/);
  }, 90_000);
});
