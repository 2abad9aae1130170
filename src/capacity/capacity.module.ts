import { provideErrors } from '../common/errors/error-catalogue.js';
import { CAPACITY_CONSTRAINTS, CAPACITY_ERRORS } from './capacity-errors.js';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName } from '../common/queue/queue-names.js';
import { AllocationRepository } from './allocation.repository.js';
import { CapacityAllocationService } from './capacity-allocation.service.js';
import { CapacityForecastController } from './capacity-forecast.controller.js';
import { CapacityForecastService } from './capacity-forecast.service.js';
import { CapacityHistoryService } from './capacity-history.service.js';
import { CapacityPlanController } from './capacity-plan.controller.js';
import { CapacityPlanService } from './capacity-plan.service.js';
import { CapacityPlanningInputsService } from './capacity-planning-inputs.service.js';
import { CapacityScenariosService } from './capacity-scenarios.service.js';
import { CapacityRepository } from './capacity.repository.js';
import { ProgrammeShareController } from './programme-share.controller.js';
import { ProgrammeShareRepository } from './programme-share.repository.js';
import { ProgrammeShareService } from './programme-share.service.js';

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
    CapacityPlanningInputsService,
    CapacityPlanService,
    CapacityAllocationService,
  ],
  exports: [CapacityForecastService, CapacityPlanService, CapacityAllocationService, BullModule],
})
export class CapacityModule {}
