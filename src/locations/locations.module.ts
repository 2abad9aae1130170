import { provideErrors } from '../common/errors/error-catalogue.js';
import { LOCATIONS_CONSTRAINTS, LOCATIONS_ERRORS } from './locations-errors.js';
import { Module } from '@nestjs/common';
import { LocationsController } from './locations.controller.js';
import { LocationsRepository } from './locations.repository.js';
import { LocationsService } from './locations.service.js';

@Module({
  controllers: [LocationsController],
  providers: [provideErrors('locations', LOCATIONS_ERRORS, LOCATIONS_CONSTRAINTS), LocationsRepository, LocationsService],
  exports: [LocationsService],
})
export class LocationsModule {}
