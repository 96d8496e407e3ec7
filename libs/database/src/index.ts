export { dataSourceOptions } from './data-source-options';
export { DatabaseModule } from './database.module';
export { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';
export { isForeignKeyViolation, isUniqueViolation, isUuid } from './postgres-checks';
export { migrateDatabase, runMigrations } from './run-migrations';
export { entityFromRow, type SqlColumns, sqlColumns } from './entity-sql';
