import { InflowHistory1763900100000 } from './1763900100000-inflow-history.js';

export const capacityMigrations = [InflowHistory1763900100000];
