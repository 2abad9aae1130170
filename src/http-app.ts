import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type Response } from 'express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { ALL_ERROR_CODES, ERROR_CATALOGUE } from './error-codes.js';
import type { RuntimeSettings } from './core-imports.js';
import { answerClientErrorsAsJson } from './common/errors/client-errors.js';
import { createValidationPipe } from './common/errors/validation.js';
import { refuseDeepJson } from './common/validation/json-depth.js';
import { createHttpLogger, PinoNestLogger } from './common/logging/logger.js';
import { httpMetricsMiddleware } from './common/metrics/http-metrics.middleware.js';
import { MetricsService } from './common/metrics/metrics.service.js';

/**
 * Builds the HTTP application exactly as production runs it; the tests use the same function.
 * `created` gets the application before its (slow) init, so a caller that gives up waiting can still close it.
 */
export async function createHttpApp(
  settings: RuntimeSettings,
  logger: Logger,
  created?: (app: INestApplication) => void,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(httpMetricsMiddleware(app.get(MetricsService)));
  app.use(createHttpLogger(logger));
  app.use(helmet({ contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:'] } } }));
  answerClientErrorsAsJson(app.getHttpServer() as Server, logger);
  // Node closes a keep-alive connection idle for 5 s; a busy process (a capacity plan at scale 9) can stay busy longer
  // than that right after writing a large answer, and the connection was then closed under the client (UND_ERR_SOCKET).
  (app.getHttpServer() as Server).keepAliveTimeout = 65_000;
  (app.getHttpServer() as Server).headersTimeout = 66_000;
  // express.json itself (not useBodyParser, whose types reserve `verify`), so a body nested too deep is refused before parsing.
  app.use(json({ limit: '1mb', verify: refuseDeepJson }));
  app.useBodyParser('text', { type: ['text/csv', 'text/plain'], limit: '10mb' });
  app.useGlobalPipes(createValidationPipe());
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  serveApiIndex(app, settings.config.publicBaseUrl);
  serveWebApp(app);
  created?.(app);
  try {
    await app.init();
  } catch (error) {
    // Init opens Redis and PostgreSQL connections before migrations can fail; leave none behind.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}

/** The OpenAPI document served at /docs/openapi.json; `npm run api:types` generates the web client's types from it. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('A-kasse booking and capacity planning')
      .setDescription(
        'Offices and staff, members’ programmes and bookings, capacity planning, the optimiser and iCal feeds.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  publishErrorCatalogue(document);
  return document;
}

/**
 * The same document without a database or Redis: Nest's preview mode scans the modules and their routes
 * but instantiates no provider, so nothing connects.
 */
export async function createOpenApiDocument(settings: RuntimeSettings): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings), {
    preview: true,
    logger: false,
    bodyParser: false,
  });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/**
 * The Vite build of `web/`: `dist/web` of the checkout, reached from `src/` (tests) and from `dist/src/`
 * (the built service). Each build swaps `dist/web` to a new folder at once (scripts/publish-web-build.mjs);
 * the path is resolved per request, so a rebuild under a running server is served without a restart.
 */
function webAppDirectory(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const checkout = existsSync(path.resolve(here, '../package.json'))
    ? path.resolve(here, '..')
    : path.resolve(here, '../..');
  return path.join(checkout, 'dist', 'web');
}

/**
 * The web app at /app: hashed assets cached for a year, every other GET under /app answered with
 * index.html (the React router takes it from there). Mounted only under /app, before Nest's own
 * not-found handler is installed by init(), so /api, /health, /docs and /calendar are untouched.
 * Files are always named relative to `root`: Express refuses an absolute path with a dotted folder
 * in it (a checkout under ~/.cache), but checks only the part below `root`.
 */
export function serveWebApp(app: NestExpressApplication, dir = webAppDirectory()): void {
  // Someone typing the bare host name gets the app, not a JSON 404.
  app.use((request: Request, response: Response, next: NextFunction) =>
    (request.method === 'GET' || request.method === 'HEAD') && request.path === '/'
      ? response.redirect(302, '/app/')
      : next(),
  );
  app.useStaticAssets(path.join(dir, 'assets'), {
    prefix: '/app/assets',
    immutable: true,
    maxAge: '365d',
    fallthrough: true,
  });
  app.useStaticAssets(dir, { prefix: '/app', index: false, maxAge: 0 });
  app.use('/app', (request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || request.path.startsWith('/assets/')) return next();
    if (!existsSync(path.join(dir, 'index.html'))) {
      response.status(503).type('text/plain').send('The web app has not been built: run `npm run build`.');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile('index.html', { root: dir });
  });
}

/** `GET /api`: where to go from here, for a person or a client exploring the service (public, no token). */
function serveApiIndex(app: NestExpressApplication, base: string): void {
  const index = {
    name: 'A-kasse scheduler',
    links: {
      app: `${base}/app/`,
      docs: `${base}/docs`,
      openapi: `${base}/docs/openapi.json`,
      health: `${base}/health`,
      ready: `${base}/health/ready`,
    },
  };
  app.use('/api', (request: Request, response: Response, next: NextFunction) =>
    (request.method === 'GET' || request.method === 'HEAD') && request.path === '/' ? response.json(index) : next(),
  );
}

/**
 * The error answer of every endpoint as a schema, its `code` an enum of every catalogued code (src/error-codes.ts),
 * so a client can map each code to its own text.
 */
function publishErrorCatalogue(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.ErrorResponse = {
    type: 'object',
    required: ['statusCode', 'code', 'message', 'requestId'],
    properties: {
      statusCode: { type: 'integer', example: 409 },
      code: {
        type: 'string',
        enum: ALL_ERROR_CODES,
        description: ALL_ERROR_CODES.map(
          (code) => `- \`${code}\` (${ERROR_CATALOGUE[code].status}): ${ERROR_CATALOGUE[code].message}`,
        ).join('\n'),
      },
      message: { type: 'string', description: 'For people: what went wrong in this request, in English.' },
      details: { description: 'Code-specific data, e.g. the invalid fields of VALIDATION_FAILED.' },
      requestId: { type: 'string' },
    },
  };
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations as Record<string, { responses?: Record<string, unknown> }>)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      operation.responses ??= {};
      operation.responses.default ??= {
        description: 'An error, with a catalogued code',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
      };
    }
  }
}
