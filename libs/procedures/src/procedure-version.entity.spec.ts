import { getMetadataArgsStorage } from 'typeorm';
import { ProcedureVersion } from './procedure-version.entity';

describe('ProcedureVersion', () => {
  const storage = getMetadataArgsStorage();

  it('maps to procedure_version', () => {
    expect(storage.tables.find((t) => t.target === ProcedureVersion)?.name).toBe('procedure_version');
  });

  it('declares every column with an explicit type and snake_case name', () => {
    const columns = storage.columns
      .filter((c) => c.target === ProcedureVersion)
      .map((c) => ({ property: c.propertyName, mode: c.mode, ...c.options }));
    expect(columns).toEqual([
      { property: 'code', mode: 'regular', name: 'code', type: 'varchar', length: 50, primary: true },
      { property: 'version', mode: 'regular', name: 'version', type: 'int', primary: true },
      { property: 'name', mode: 'regular', name: 'name', type: 'text' },
      { property: 'field', mode: 'regular', name: 'field', type: 'text' },
      { property: 'level', mode: 'regular', name: 'level', type: 'varchar', length: 20 },
      { property: 'definition', mode: 'regular', name: 'definition', type: 'jsonb' },
      { property: 'createdAt', mode: 'createDate', name: 'created_at', type: 'timestamptz', default: expect.any(Function) },
    ]);
  });
});
