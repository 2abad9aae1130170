import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MetricsController } from './metrics.controller.js';
import { MetricsServer } from './metrics-server.js';
import { MetricsService } from './metrics.service.js';

/**
 * Prometheus metrics of the process. The API counts requests (http-app.ts mounts the middleware) and serves
 * `GET /metrics` behind METRICS_TOKEN; every process, workers too, can serve them on a listener of its own
 * (METRICS_PORT).
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [MetricsController],
  providers: [MetricsService, MetricsServer],
  exports: [MetricsService, MetricsServer],
})
export class MetricsModule {}
