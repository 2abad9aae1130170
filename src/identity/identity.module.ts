import { Module } from '@nestjs/common';
import { BookingModule } from '../booking/booking.module.js';
import { LinkCodeController, SignInController } from './sign-in.controller.js';

@Module({ imports: [BookingModule], controllers: [SignInController, LinkCodeController] })
export class IdentityModule {}
