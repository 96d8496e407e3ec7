import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

// Plain SQL for the transition path's hottest statements, with TypeORM's own column mapping and value conversion:
// its query builders cost more CPU than the database work, and cannot compose a CTE of writes.

/** Quoted column names and their `$n` placeholders. */
export interface SqlColumns {
  names: string[];
  placeholders: string[];
}

/** An entity's defined properties as columns, each value appended to `params` as TypeORM would write it; undefined ones keep their defaults. */
export function sqlColumns<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, values: Partial<T>, params: unknown[]): SqlColumns {
  const metadata = m.dataSource.getMetadata(target);
  const names: string[] = [];
  const placeholders: string[] = [];
  for (const [property, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column for ${property}`);
    params.push(m.dataSource.driver.preparePersistentValue(value, column));
    names.push(`"${column.databaseName}"`);
    placeholders.push(`$${params.length}`);
  }
  return { names, placeholders };
}

/** A row read with `SELECT *` as the entity TypeORM would have loaded (the same per-column hydration). */
export function entityFromRow<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = m.dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    const value = row[column.databaseName];
    if (value !== undefined) column.setEntityValue(entity, m.dataSource.driver.prepareHydratedValue(value, column));
  }
  return entity;
}
