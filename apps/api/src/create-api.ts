import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@app/config';
import { openApiDocument } from './openapi-document';
import { SeedService } from './seed.service';
import { UsersService } from '@app/auth';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { ApiExceptionFilter } from './api-exception.filter';
import { ApiModule, type ApiModuleOptions } from './api.module';
import { MetricsService } from './metrics.service';
import { apiValidationPipe } from './validation';

export async function createApi(config: AppConfig, opts: ApiModuleOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, opts), {
    logger: loggerLevels(config),
    bodyParser: false,
  });
  await setupApi(app, config);
  return app;
}

/** Everything the HTTP app needs besides its module (the schema is migrated before): shared by main.ts and the e2e tests. */
export async function setupApi(app: INestApplication, config: AppConfig): Promise<void> {
  const express = app as NestExpressApplication;
  // Once closing (SIGTERM) the server no longer listens and waits for its connections to end: each answer then closes
  // its keep-alive connection, or clients that never pause would keep the process from ever exiting.
  const server = express.getHttpServer() as Server;
  express.use((_req: Request, res: Response, next: NextFunction) => {
    if (!server.listening) res.setHeader('Connection', 'close');
    next();
  });
  express.use(app.get(MetricsService).track);
  // The OpenAPI page runs inline scripts; the JSON API needs no content policy, the other headers stay.
  express.use(helmet({ contentSecurityPolicy: false }));
  if (config.http.corsOrigins) express.enableCors({ origin: config.http.corsOrigins, credentials: false });
  express.disable('x-powered-by');
  // Rate limits count per client address: behind a proxy that is X-Forwarded-For, believed only from the proxies named.
  if (config.http.trustProxy !== null) express.set('trust proxy', config.http.trustProxy);
  express.useBodyParser('json', { limit: '1mb' });
  serveWebApp(express, config.http.webDistDir);
  app.useGlobalPipes(apiValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  const seed = app.get(SeedService);
  await seed.seedReferenceData();
  if (config.seedDemo) {
    await seed.seedDemo();
    await app.get(UsersService).seedDemoAccounts(config.auth.demoPassword);
  }
  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
  await app.init();
}

// The SPA's own policy: it loads only its own scripts and talks only to this API. A dossier's PDF is shown in a frame from
// a blob: URL the app made of the bytes it fetched with its token (frame-src blob:); nothing else may be framed.
const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-src blob:; connect-src 'self'; " +
  "font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
// The document paths too (/docs-json, /docs-yaml): a browser's Accept: text/html must not get the web app there.
const NOT_WEB = /^\/(api|docs|docs-json|docs-yaml|health|metrics)(\/|$)/;

/** The web app at `/`: hashed assets cached for a year, every other page path answered with index.html (client routing). */
function serveWebApp(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('Web').warn(`No web app at ${dir} (run npm run build); serving the API only`);
    return;
  }
  app.useStaticAssets(join(dir, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d', index: false, fallthrough: false });
  // index.html asked by its own name gets the same policy as the client routes below.
  const htmlPolicy = (res: Response, path: string) => {
    if (!path.endsWith('.html')) return;
    res.setHeader('Content-Security-Policy', WEB_CSP);
    res.setHeader('Cache-Control', 'no-cache');
  };
  app.useStaticAssets(dir, { index: false, maxAge: '1h', setHeaders: htmlPolicy });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_WEB.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('Content-Security-Policy', WEB_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    // `root` lets the folder itself be a dot-folder (send refuses dotfiles in the joined path).
    res.sendFile('index.html', { root: dir });
  });
}

function loggerLevels(config: AppConfig) {
  const order = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(config.logLevel) + 1);
}
