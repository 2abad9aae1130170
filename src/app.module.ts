import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './common/auth/auth.guard.js';
import { WriteRateLimitGuard } from './common/auth/write-rate-limit.guard.js';
import { HttpExceptionFilter } from './common/errors/http-exception.filter.js';
import { HealthController } from './common/health/health.controller.js';
import { BookingModule } from './booking/booking.module.js';
import { CapacityModule } from './capacity/capacity.module.js';
import { OptimiserModule } from './optimiser/optimiser.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { coreImports, type RuntimeSettings } from './core-imports.js';
import { DemoModule } from './demo/demo.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { LocationsModule } from './locations/locations.module.js';
import { MessagingModule } from './messaging/messaging.module.js';
import { workerFeatureModules } from './worker.module.js';

@Module({})
export class AppModule {
  static forRoot(settings: RuntimeSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreImports(settings),
        LocationsModule,
        CapacityModule,
        OptimiserModule,
        BookingModule,
        CalendarModule,
        DemoModule,
        MessagingModule,
        IdentityModule,
        ...(settings.config.runWorkers ? (workerFeatureModules() ?? []) : []),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: WriteRateLimitGuard },
      ],
    };
  }
}
