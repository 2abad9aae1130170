import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { generateDbTypes } from '../../src/common/database/db-types.js';
import { schemaMigrations } from '../../src/database-schema.js';

// The row types Kysely checks queries against must be what the migrations build: a migration that changes a
// column without `npm run db:types` (and so without the queries following) fails here.
describe('generated database types', () => {
  const adminUrl = process.env.AKASSE_TEST_ADMIN_URL!;
  const name = `${process.env.AKASSE_TEST_DATABASE_NAME}_types`;

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('src/common/database/db.types.ts matches a freshly migrated database (run `npm run db:types`)', async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const generated = await generateDbTypes(adminUrl.replace(/\/[^/]*$/, `/${name}`), schemaMigrations);
    const checkedIn = await readFile('src/common/database/db.types.ts', 'utf8');
    expect(generated).toBe(checkedIn);
  });
});
