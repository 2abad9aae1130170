import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from './common/config/app-config.js';
import { createOpenApiDocument } from './http-app.js';
import { openApiTypes } from './openapi-types.js';

/**
 * `npm run api:types`: builds the OpenAPI document as the server does (without a database: preview mode) and
 * writes web/src/api/schema.d.ts, the types of the web app's typed client (web/src/api/client.ts).
 * test/integration/api-contract.test.ts fails when the checked-in file differs from what this writes.
 */
async function main(): Promise<void> {
  const config = loadConfig({
    NODE_ENV: 'development',
    JWT_SECRET: 'api-types-only-never-signs-anything-000000',
    RUN_WORKERS: 'false',
  });
  const document = await createOpenApiDocument({
    config,
    databaseUrl: 'postgres://unused@127.0.0.1:1/unused',
    redisUrl: 'redis://127.0.0.1:1',
    jwtSecret: 'unused',
  });
  const target = path.resolve(process.argv[2] ?? 'web/src/api/schema.d.ts');
  await writeFile(target, await openApiTypes(document));
  console.error(`Wrote ${path.relative(process.cwd(), target)}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
