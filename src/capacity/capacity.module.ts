import { provideErrors } from '../common/errors/error-catalogue.js';
import { CAPACITY_CONSTRAINTS, CAPACITY_ERRORS } from './capacity-errors.js';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '../common/queue/queue-names.js';
import { AllocationRepository } from './allocation/allocation.repository.js';
import { CapacityAllocationService } from './allocation/capacity-allocation.service.js';
import { CapacityForecastController } from './forecast/capacity-forecast.controller.js';
import { CapacityForecastService } from './forecast/capacity-forecast.service.js';
import { CapacityHistoryService } from './forecast/capacity-history.service.js';
import { CapacityPlanController } from './plan/capacity-plan.controller.js';
import { CapacityPlanService } from './plan/capacity-plan.service.js';
import { CapacityPlanningInputsService } from './plan/capacity-planning-inputs.service.js';
import { CapacityScenariosService } from './forecast/capacity-scenarios.service.js';
import { CapacityRepository } from './capacity.repository.js';
import { ProgrammeShareController } from './plan/programme-share.controller.js';
import { ProgrammeShareRepository } from './plan/programme-share.repository.js';
import { ProgrammeShareService } from './plan/programme-share.service.js';
import { APP_CONFIG } from '../common/config/config.module.js';
import { Clock } from '../shared/time/clock.js';
import {
  CapacityPlanCacheService,
  UNCACHED_PLANNING_INPUTS,
  versionedPlanningInputs,
} from './plan/cache/capacity-plan-cache.service.js';
import { PlanInputsVersion } from './plan/cache/plan-inputs-version.js';
import { AskedPlansRepository } from './plan/cache/asked-plans.repository.js';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.CapacityAllocation })],
  controllers: [CapacityForecastController, CapacityPlanController, ProgrammeShareController],
  providers: [
    provideErrors('capacity', CAPACITY_ERRORS, CAPACITY_CONSTRAINTS),
    CapacityRepository,
    ProgrammeShareRepository,
    ProgrammeShareService,
    AllocationRepository,
    CapacityForecastService,
    CapacityHistoryService,
    CapacityScenariosService,
    PlanInputsVersion,
    AskedPlansRepository,
    { provide: UNCACHED_PLANNING_INPUTS, useClass: CapacityPlanningInputsService },
    // The planning inputs are kept per inputs version (plan-cache/); UNCACHED_PLANNING_INPUTS computes them.
    {
      provide: CapacityPlanningInputsService,
      useFactory: versionedPlanningInputs,
      inject: [UNCACHED_PLANNING_INPUTS, PlanInputsVersion, Clock, APP_CONFIG],
    },
    CapacityPlanService,
    CapacityPlanCacheService,
    CapacityAllocationService,
  ],
  exports: [
    CapacityForecastService,
    CapacityPlanService,
    CapacityPlanCacheService,
    CapacityAllocationService,
    BullModule,
  ],
})
export class CapacityModule {}
