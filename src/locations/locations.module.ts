import { provideErrors } from '../common/errors/error-catalogue.js';
import { LOCATIONS_CONSTRAINTS, LOCATIONS_ERRORS } from './locations-errors.js';
import { Module } from '@nestjs/common';
import { LocationsController } from './locations.controller.js';
import { LocationsRepository } from './locations.repository.js';
import { LocationsService } from './locations.service.js';
import { OrganisationController } from './organisation/organisation.controller.js';
import { OrganisationRepository } from './organisation/organisation.repository.js';
import { OrganisationService } from './organisation/organisation.service.js';

@Module({
  controllers: [LocationsController, OrganisationController],
  providers: [
    provideErrors('locations', LOCATIONS_ERRORS, LOCATIONS_CONSTRAINTS),
    LocationsRepository,
    LocationsService,
    OrganisationRepository,
    OrganisationService,
  ],
  exports: [LocationsService],
})
export class LocationsModule {}
