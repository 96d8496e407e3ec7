import { isForeignKeyViolation, isUniqueViolation, isUuid } from './postgres-checks';

describe('postgres checks', () => {
  it('isUuid accepts exactly the 8-4-4-4-12 hex shape, either case', () => {
    expect(isUuid('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(true);
    expect(isUuid('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe(true);
    for (const bad of ['-'.repeat(36), '0f8fad5b-d9cb-469f-a165-70867728950', '0f8fad5bd9cb469fa16570867728950e', 'g'.repeat(8) + '-d9cb-469f-a165-70867728950e', '']) {
      expect(isUuid(bad)).toBe(false);
    }
  });

  it('reads the SQLSTATE and constraint from a TypeORM wrapper or a bare driver error', () => {
    const bare = { code: '23505', constraint: 'dossier_idempotency_key' };
    expect(isUniqueViolation(bare)).toBe(true);
    expect(isUniqueViolation({ driverError: bare }, 'dossier_idempotency_key')).toBe(true);
    expect(isUniqueViolation(bare, 'user_username_key')).toBe(false);
    expect(isForeignKeyViolation({ driverError: { code: '23503', constraint: 'dossier_agency_fk' } }, 'dossier_agency_fk')).toBe(true);
    expect(isForeignKeyViolation(bare, 'dossier_agency_fk')).toBe(false);
  });
});
