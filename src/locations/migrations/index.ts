import { LocationsSchema1763900000000 } from './1763900000000-locations-schema.js';
import { OrganisationReferenceData1765600000000 } from './1765600000000-organisation-reference-data.js';

export const locationsMigrations = [LocationsSchema1763900000000, OrganisationReferenceData1765600000000];
