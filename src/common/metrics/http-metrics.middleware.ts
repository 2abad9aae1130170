import type { NextFunction, Request, Response } from 'express';
import type { MetricsService } from './metrics.service.js';

/** Business events read off successful answers: `METHOD route-pattern` → counter. */
const BOOKING_EVENTS: Record<string, (metrics: MetricsService) => void> = {
  'POST /api/bookings': (m) => m.bookings.inc({ operation: 'book' }),
  'POST /api/bookings/:id/reschedule': (m) => m.bookings.inc({ operation: 'reschedule' }),
  'POST /api/bookings/:id/cancel': (m) => m.cancellations.inc({ of: 'booking' }),
  'DELETE /api/slots/:id': (m) => m.cancellations.inc({ of: 'slot' }),
  'DELETE /api/sessions/:id': (m) => m.cancellations.inc({ of: 'session' }),
};

/**
 * The route label is Express's matched pattern (`/api/bookings/:id`, `/calendar/:token`), never the raw path, so ids
 * and feed tokens stay out of the metrics and the label set stays small. Anything no route matched is `unmatched`.
 */
export function routeOf(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${request.baseUrl ?? ''}${route.path}`;
  return request.originalUrl.startsWith('/app') ? '/app' : 'unmatched';
}

/** Counts and times every answer, including those of Express's own body parsers; mounted first in http-app.ts. */
export function httpMetricsMiddleware(metrics: MetricsService) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const route = routeOf(request);
      const status = response.statusCode;
      const labels = { method: request.method, route, status: String(status) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      const code = typeof response.locals.errorCode === 'string' ? response.locals.errorCode : undefined;
      if (status >= 400 && code) metrics.errors.inc({ status: String(status), code });
      if (status === 409 && code) metrics.conflicts.inc({ code });
      if (status < 300 && response.getHeader('Idempotent-Replayed') === undefined)
        BOOKING_EVENTS[`${request.method} ${route}`]?.(metrics);
    });
    next();
  };
}
