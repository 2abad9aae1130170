import { Redis } from 'ioredis';
import pg from 'pg';

// Jest shares only globals (not module instances) between global setup and teardown.
const testState: { stopEmbedded?: () => Promise<void> } = ((
  globalThis as { __akasseTestState?: { stopEmbedded?: () => Promise<void> } }
).__akasseTestState ??= {});

async function deleteKeysWithPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export default async function globalTeardown(): Promise<void> {
  const {
    AKASSE_TEST_ADMIN_URL: adminUrl,
    AKASSE_TEST_DATABASE_NAME: name,
    AKASSE_TEST_REDIS_URL: redisUrl,
    AKASSE_TEST_REDIS_PREFIX: prefix,
  } = process.env;
  if (adminUrl && name && !process.env.KEEP_TEST_DATABASE) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  if (redisUrl && prefix) await deleteKeysWithPrefix(redisUrl, prefix).catch(() => undefined);
  await testState.stopEmbedded?.();
}
