import { Module } from '@nestjs/common';
import { CapacityAllocationProcessor } from './capacity-allocation.processor.js';
import { CapacityModule } from './capacity.module.js';

/** The capacity queue's worker; imported by the worker process, and by the API process when RUN_WORKERS is on. */
@Module({
  imports: [CapacityModule],
  providers: [CapacityAllocationProcessor],
})
export class CapacityWorkerModule {}
