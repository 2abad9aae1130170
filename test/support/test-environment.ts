/** Values the global setup hands to the test files (through environment variables, the only channel Jest offers). */
export interface TestEnvironment {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
}

export function readTestEnvironment(): TestEnvironment {
  const databaseUrl = process.env.AKASSE_TEST_DATABASE_URL;
  const redisUrl = process.env.AKASSE_TEST_REDIS_URL;
  const redisPrefix = process.env.AKASSE_TEST_REDIS_PREFIX;
  if (!databaseUrl || !redisUrl || !redisPrefix)
    throw new Error('The integration tests need the Jest global setup (run them with `npm test`).');
  return { databaseUrl, redisUrl, redisPrefix };
}
