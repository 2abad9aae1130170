import { Module } from '@nestjs/common';
import { DemoDataService } from './demo-data.service.js';
import { DemoSignInController, SignInOptionsController } from './demo-sign-in.controller.js';

@Module({ controllers: [DemoSignInController, SignInOptionsController], providers: [DemoDataService], exports: [DemoDataService] })
export class DemoModule {}
