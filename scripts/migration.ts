/* eslint-disable no-console -- a command-line tool talks on the console */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { dataSourceOptions, runMigrations, startEmbeddedPostgres } from '@app/database';
import { ENTITIES } from '@app/dossiers';

/** `migration.js run | revert | generate <Name> | check` against DATABASE_URL (or the embedded database). */
async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  const embedded = config.database.url ? null : await startEmbeddedPostgres(config.database.embedded);
  const dataSource = new DataSource({ ...dataSourceOptions(config.database.url ?? embedded!.url), entities: ENTITIES });
  await dataSource.initialize();
  try {
    switch (command) {
      case 'run':
        await runMigrations(dataSource);
        console.log('Migrations are up to date.');
        return 0;
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        console.log('Reverted the last migration.');
        return 0;
      case 'check':
      case 'generate': {
        await runMigrations(dataSource);
        const { upQueries, downQueries } = await dataSource.driver.createSchemaBuilder().log();
        if (upQueries.length === 0) {
          console.log('Entities and migrations agree: nothing to generate.');
          return 0;
        }
        if (command === 'check') {
          console.error('Entities and migrations disagree; these statements are missing from a migration:');
          for (const q of upQueries) console.error(`  ${q.query};`);
          return 1;
        }
        if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: npm run migration:generate -- <PascalCaseName>');
        const timestamp = Date.now();
        const file = join('libs/database/src/migrations', `${timestamp}-${name.replace(/[A-Z]/g, (c, i) => (i ? '-' : '') + c.toLowerCase())}.ts`);
        const lines = (qs: { query: string }[]) => qs.map((q) => `    await q.query(${JSON.stringify(q.query)});`).join('\n');
        writeFileSync(
          file,
          `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${timestamp} implements MigrationInterface {\n  name = '${name}${timestamp}';\n\n  async up(q: QueryRunner): Promise<void> {\n${lines(upQueries)}\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n${lines([...downQueries].reverse())}\n  }\n}\n`,
        );
        console.log(`Wrote ${file}; add ${name}${timestamp} to MIGRATIONS in libs/database/src/migrations/index.ts.`);
        return 0;
      }
      default:
        throw new Error('usage: migration.js run | revert | generate <Name> | check');
    }
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
