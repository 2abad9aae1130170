import { provideErrors } from '../common/errors/error-catalogue.js';
import { CAPACITY_CONSTRAINTS, CAPACITY_ERRORS } from '../capacity/capacity-errors.js';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { BookingModule } from '../booking/booking.module.js';
import { QueueName } from '../common/queue/queue-names.js';
import { OptimiserApplyService } from './optimiser-apply.service.js';
import { OptimiserHistoryController } from './optimiser-history.controller.js';
import { OptimiserHistoryRepository } from './optimiser-history.repository.js';
import { OptimiserHistoryService } from './optimiser-history.service.js';
import { OptimiserInputRepository } from './optimiser-input.repository.js';
import { OptimiserInputService } from './optimiser-input.service.js';
import { OptimiserRunsRepository } from './optimiser-runs.repository.js';
import { OptimiserController } from './optimiser.controller.js';
import { OptimiserService } from './optimiser.service.js';

/** The group-session optimiser's API: runs, proposals, apply. The solve itself runs in OptimiserWorkerModule. */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Optimiser }), BookingModule],
  controllers: [OptimiserController, OptimiserHistoryController],
  providers: [
    provideErrors('capacity', CAPACITY_ERRORS, CAPACITY_CONSTRAINTS),
    OptimiserRunsRepository,
    OptimiserInputRepository,
    OptimiserInputService,
    OptimiserService,
    OptimiserApplyService,
    OptimiserHistoryRepository,
    OptimiserHistoryService,
  ],
  exports: [OptimiserService, BullModule],
})
export class OptimiserModule {}
