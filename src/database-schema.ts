import { authMigrations } from './common/auth/migrations/index.js';
import { bookingMigrations } from './booking/migrations/index.js';
import { calendarMigrations } from './calendar/migrations/index.js';
import { capacityMigrations } from './capacity/migrations/index.js';
import { locationsMigrations } from './locations/migrations/index.js';
import { messagingMigrations } from './messaging/migrations/index.js';

/**
 * Every feature's migrations, in the order they must run: the schema's one source of truth. Queries are typed by
 * src/common/database/db.types.ts, generated from the migrated schema (`npm run db:types`); there are no entities.
 */
export const schemaMigrations = [
  ...locationsMigrations,
  ...capacityMigrations,
  ...bookingMigrations,
  ...calendarMigrations,
  ...messagingMigrations,
  ...authMigrations,
];
