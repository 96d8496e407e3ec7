import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@app/config';
import { UsersService } from '@app/auth';
import { SeedService } from '@app/dossiers';
import helmet from 'helmet';
import { ApiExceptionFilter } from './api-exception.filter';
import { ApiModule, type ApiModuleOptions } from './api.module';
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
  // The OpenAPI page runs inline scripts; the JSON API needs no content policy, the other headers stay.
  express.use(helmet({ contentSecurityPolicy: false }));
  if (config.http.corsOrigins) express.enableCors({ origin: config.http.corsOrigins, credentials: false });
  express.disable('x-powered-by');
  express.useBodyParser('json', { limit: '1mb' });
  app.useGlobalPipes(apiValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  const seed = app.get(SeedService);
  await seed.seedReferenceData();
  if (config.seedDemo) {
    await seed.seedDemo();
    await app.get(UsersService).seedDemoAccounts(config.auth.demoPassword);
  }
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Một cửa — dossier engine API')
      .setDescription('One-stop-shop dossier engine for Vietnamese administrative procedures (TTHC)')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  await app.init();
}

function loggerLevels(config: AppConfig) {
  const order = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(config.logLevel) + 1);
}
