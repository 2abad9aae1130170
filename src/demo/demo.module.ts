import { Module } from '@nestjs/common';
import { DemoDataService } from './demo-data.service.js';
import { DemoPeopleRepository } from './demo-people.repository.js';
import { DemoSignInController, SignInOptionsController } from './demo-sign-in.controller.js';

@Module({
  controllers: [DemoSignInController, SignInOptionsController],
  providers: [DemoDataService, DemoPeopleRepository],
  exports: [DemoDataService],
})
export class DemoModule {}
