import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { schemaMigrations } from '../../database-schema.js';
import { generateDbTypes } from './db-types.js';

/**
 * `npm run db:types`: migrates a scratch database on DATABASE_ADMIN_URL (default: the local server) with every
 * migration, writes src/common/database/db.types.ts from it and drops the scratch database again.
 */
async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `akasse_db_types_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const types = await generateDbTypes(adminUrl.replace(/\/[^/]*$/, `/${name}`), schemaMigrations);
    const target = path.resolve(process.argv[2] ?? 'src/common/database/db.types.ts');
    await writeFile(target, types);
    console.error(`Wrote ${path.relative(process.cwd(), target)}.`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
