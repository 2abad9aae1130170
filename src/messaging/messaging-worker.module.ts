import { Module } from '@nestjs/common';
import { MessagingWorkerService } from './delivery/messaging-worker.service.js';
import { MessagingModule } from './messaging.module.js';

/** Message delivery (queues, relay, scan); imported by the worker process, and by the API process when RUN_WORKERS is on. */
@Module({
  imports: [MessagingModule],
  providers: [MessagingWorkerService],
})
export class MessagingWorkerModule {}
