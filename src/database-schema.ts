import { authMigrations } from './common/auth/migrations/index.js';
import { bookingMigrations } from './booking/migrations/index.js';
import { calendarMigrations } from './calendar/migrations/index.js';
import { capacityMigrations } from './capacity/migrations/index.js';
import { locationsEntities } from './locations/locations.entities.js';
import { locationsMigrations } from './locations/migrations/index.js';
import { messagingMigrations } from './messaging/migrations/index.js';

/** Every feature's tables and migrations, in the order the migrations must run. */
export const schemaEntities = [...locationsEntities];
export const schemaMigrations = [...locationsMigrations, ...capacityMigrations, ...bookingMigrations, ...calendarMigrations, ...messagingMigrations, ...authMigrations];
