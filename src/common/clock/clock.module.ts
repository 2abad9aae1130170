import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '../../shared/time/clock.js';

/**
 * The one `Clock` of the process: the machine's, unless a test overrides the provider with a `FixedClock`
 * (`Test.createTestingModule(...).overrideProvider(Clock).useValue(new FixedClock('2026-12-24T09:00Z'))`).
 */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class ClockModule {}
