import { Module } from '@nestjs/common';
import { OptimiserModule } from './optimiser.module.js';
import { OptimiserProcessor } from './optimiser.processor.js';

/** The optimiser queue's worker; imported by the worker process, and by the API process when RUN_WORKERS is on. */
@Module({
  imports: [OptimiserModule],
  providers: [OptimiserProcessor],
})
export class OptimiserWorkerModule {}
