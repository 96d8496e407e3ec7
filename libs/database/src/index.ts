export { dataSourceOptions } from './data-source-options';
export { DatabaseModule } from './database.module';
export { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';
export { runMigrations } from './run-migrations';
