import { Identity1765400000000 } from './1765400000000-identity.js';

export const authMigrations = [Identity1765400000000];
