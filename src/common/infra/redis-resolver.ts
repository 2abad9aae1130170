import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { findFreePort } from './free-port.js';
import { EX_UNAVAILABLE, SetupError } from './setup-error.js';

export interface ResolvedRedis {
  url: string;
  /** How the URL was found, for the start-up message. */
  source: 'configured' | 'local-default' | 'spawned';
  stop(): Promise<void>;
}

export class RedisUnavailableError extends SetupError {
  constructor() {
    super(
      'No Redis found: nothing answers on 127.0.0.1:6379 and `redis-server` is not on the PATH.\n' +
        '  Install Redis (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`)\n' +
        '  or point the service at one with REDIS_URL=redis://host:6379.',
      EX_UNAVAILABLE,
    );
  }
}

export async function pingRedis(url: string, timeoutMs = 1000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function startRedisServer(port: number): Promise<ChildProcess | undefined> {
  return new Promise((resolve) => {
    const child = spawn(
      'redis-server',
      [
        '--bind',
        '127.0.0.1',
        '--port',
        String(port),
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    child.once('error', () => resolve(undefined));
    child.once('spawn', () => resolve(child));
  });
}

/** The configured Redis, else the usual local one, else a private redis-server on a free port. */
export async function resolveRedis(configuredUrl: string | undefined): Promise<ResolvedRedis> {
  if (configuredUrl) return { url: configuredUrl, source: 'configured', stop: async () => undefined };
  const localDefault = 'redis://127.0.0.1:6379';
  if (await pingRedis(localDefault)) return { url: localDefault, source: 'local-default', stop: async () => undefined };
  const port = await findFreePort();
  const child = await startRedisServer(port);
  if (!child) throw new RedisUnavailableError();
  const url = `redis://127.0.0.1:${port}`;
  if (!(await waitFor(() => pingRedis(url, 300), 10_000))) {
    child.kill('SIGTERM');
    throw new RedisUnavailableError();
  }
  return {
    url,
    source: 'spawned',
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
