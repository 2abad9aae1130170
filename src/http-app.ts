import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import type { RuntimeSettings } from './core-imports.js';
import { createValidationPipe } from './common/errors/validation.js';
import { createHttpLogger, PinoNestLogger } from './common/logging/logger.js';
import { httpMetricsMiddleware } from './common/metrics/http-metrics.middleware.js';
import { MetricsService } from './common/metrics/metrics.service.js';

/** Builds the HTTP application exactly as production runs it; the tests use the same function. */
export async function createHttpApp(settings: RuntimeSettings, logger: Logger): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(httpMetricsMiddleware(app.get(MetricsService)));
  app.use(createHttpLogger(logger));
  app.use(helmet({ contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:'] } } }));
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('text', { type: ['text/csv', 'text/plain'], limit: '10mb' });
  app.useGlobalPipes(createValidationPipe());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('A-kasse booking and capacity planning')
      .setDescription('Offices and staff, members’ programmes and bookings, capacity planning, the optimiser and iCal feeds.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  serveWebApp(app);
  await app.init();
  return app;
}

/** The Vite build of `web/` (`dist/web`), found from `src/` (tests) and from `dist/src/` (the built service). */
function webAppDirectory(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // A built app has assets/ beside index.html (web/index.html itself is Vite's source, never served).
  return [path.resolve(here, '../dist/web'), path.resolve(here, '../web')].find((dir) => existsSync(path.join(dir, 'index.html')) && existsSync(path.join(dir, 'assets')));
}

/**
 * The web app at /app: hashed assets cached for a year, every other GET under /app answered with
 * index.html (the React router takes it from there). Mounted only under /app, before Nest's own
 * not-found handler is installed by init(), so /api, /health, /docs and /calendar are untouched.
 */
function serveWebApp(app: NestExpressApplication): void {
  const dir = webAppDirectory();
  // Someone typing the bare host name gets the app, not a JSON 404.
  app.use((request: Request, response: Response, next: NextFunction) =>
    (request.method === 'GET' || request.method === 'HEAD') && request.path === '/' ? response.redirect(302, '/app/') : next(),
  );
  if (dir) {
    app.useStaticAssets(path.join(dir, 'assets'), { prefix: '/app/assets', immutable: true, maxAge: '365d', fallthrough: true });
    app.useStaticAssets(dir, { prefix: '/app', index: false, maxAge: 0 });
  }
  app.use('/app', (request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || request.path.startsWith('/assets/')) return next();
    if (!dir) {
      response.status(503).type('text/plain').send('The web app has not been built: run `npm run build`.');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(path.join(dir, 'index.html'));
  });
}
