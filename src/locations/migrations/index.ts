import { LocationsSchema1763900000000 } from './1763900000000-locations-schema.js';

export const locationsMigrations = [LocationsSchema1763900000000];
