/* eslint-disable no-console -- a command-line tool talks on the console */
import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_CONTROLLERS } from './api.module';
import { openApiDocument } from './openapi-document';

// dist/apps/api/src → the repository's docs/
const OPENAPI_FILE = join(__dirname, '..', '..', '..', '..', 'docs', 'openapi.json');

/**
 * `npm run openapi`: writes the API's OpenAPI document to docs/openapi.json without a database: only the controllers'
 * decorators are read, so their services are left empty (nothing is called).
 */
async function main(): Promise<void> {
  const moduleRef = await Test.createTestingModule({ controllers: API_CONTROLLERS }).useMocker(() => ({})).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  const document = openApiDocument(app);
  writeFileSync(OPENAPI_FILE, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`wrote ${OPENAPI_FILE}: ${Object.keys(document.paths).length} paths`);
  await app.close();
}

main().catch((e: unknown) => {
  console.error(`openapi: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
