import { provideErrors } from '../common/errors/error-catalogue.js';
import { CAPACITY_CONSTRAINTS, CAPACITY_ERRORS } from './capacity-errors.js';
import { Module } from '@nestjs/common';
import { CapacityAllocationProcessor } from './allocation/capacity-allocation.processor.js';
import { CapacityModule } from './capacity.module.js';

/** The capacity queue's worker; imported by the worker process, and by the API process when RUN_WORKERS is on. */
@Module({
  imports: [CapacityModule],
  providers: [provideErrors('capacity', CAPACITY_ERRORS, CAPACITY_CONSTRAINTS), CapacityAllocationProcessor],
})
export class CapacityWorkerModule {}
