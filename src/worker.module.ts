import { type DynamicModule, Module } from '@nestjs/common';
import { CapacityWorkerModule } from './capacity/capacity-worker.module.js';
import { OptimiserWorkerModule } from './optimiser/optimiser-worker.module.js';
import { coreImports, type RuntimeSettings } from './core-imports.js';
import { MessagingWorkerModule } from './messaging/messaging-worker.module.js';

/**
 * Feature modules that register BullMQ processors. The API process imports them too when
 * RUN_WORKERS is on (the default for `npm start`), so one process can do everything.
 */
export function workerFeatureModules(): DynamicModule['imports'] {
  return [CapacityWorkerModule, OptimiserWorkerModule, MessagingWorkerModule];
}

@Module({})
export class WorkerModule {
  static forRoot(settings: RuntimeSettings): DynamicModule {
    return { module: WorkerModule, imports: [...coreImports(settings), ...(workerFeatureModules() ?? [])] };
  }
}
