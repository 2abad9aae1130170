import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { readTestEnvironment } from './test-environment.js';
import { TEST_JWT_SECRET } from './test-app.js';

/** Compiles the service into a private folder, so a test can run `worker.js` as a separate process. */
export async function buildWorker(buildDir: string): Promise<void> {
  // Compiler errors elsewhere in the tree do not stop tsc from emitting; the worker entry is what matters.
  await promisify(execFile)('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', buildDir]).catch(() => undefined);
  if (!existsSync(path.join(buildDir, 'src', 'worker.js'))) throw new Error('the worker did not build');
}

/**
 * A real worker process (`node <buildDir>/src/worker.js`) against the test database and Redis, resolved once it logs
 * "Worker ready". `env` adds to or overrides the test settings (e.g. a private Redis).
 */
export async function startWorkerProcess(buildDir: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const environment = readTestEnvironment();
  const child = spawn(process.execPath, [path.join(buildDir, 'src', 'worker.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: environment.databaseUrl,
      REDIS_URL: environment.redisUrl,
      REDIS_KEY_PREFIX: environment.redisPrefix,
      JWT_SECRET: TEST_JWT_SECRET,
      DEMO_DATA: 'false',
      DATABASE_POOL_SIZE: '4',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    // A worker's start (Nest, pool, queues) takes seconds on a busy 2-core machine.
    const timer = setTimeout(() => reject(new Error('worker did not start')), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
  return child;
}
