import { changedFields, REDACTED, redactSecrets } from './audit-redaction';

describe('redactSecrets', () => {
  it('replaces the values of secret keys at any depth, keeps the rest', () => {
    const value = {
      username: 'le.van.c',
      passwordHash: '$2a$10$abcdefghijklmnopqrstuv',
      password: 'Kho-luu-tru-Bac-Ninh-2026!',
      totpSecret: 'JBSWY3DPEHPK3PXP',
      nested: { accessToken: 'abc', recovery_codes: ['a', 'b'], apiKey: 'k', name: 'Tên' },
      list: [{ webhookSecret: 'whsec_x', url: 'https://example.vn' }],
      notPublished: 'stays',
    };
    expect(redactSecrets(value)).toEqual({
      username: 'le.van.c',
      passwordHash: REDACTED,
      password: REDACTED,
      totpSecret: REDACTED,
      nested: { accessToken: REDACTED, recovery_codes: REDACTED, apiKey: REDACTED, name: 'Tên' },
      list: [{ webhookSecret: REDACTED, url: 'https://example.vn' }],
      notPublished: 'stays',
    });
  });

  it('keeps a boolean or null under a secret key: it says that something changed, not what', () => {
    expect(redactSecrets({ passwordChanged: true, totpSecret: null })).toEqual({ passwordChanged: true, totpSecret: null });
  });

  it('redacts a bcrypt hash or a JWT whatever its key', () => {
    expect(redactSecrets({ note: '$2b$10$0123456789012345678901', other: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig' })).toEqual({ note: REDACTED, other: REDACTED });
  });

  it('turns values into plain JSON (dates as ISO text) and undefined into null', () => {
    expect(redactSecrets({ at: new Date('2026-11-23T02:00:00Z'), gone: undefined })).toEqual({ at: '2026-11-23T02:00:00.000Z' });
    expect(redactSecrets(undefined)).toBeNull();
  });
});

describe('changedFields', () => {
  it('keeps only the fields that differ, by value and whatever the key order', () => {
    expect(
      changedFields(
        { name: 'A', roles: ['reception'], hours: { from: '07:30', to: '11:30' }, active: true },
        { name: 'A', roles: ['reception', 'clerk'], hours: { to: '11:30', from: '07:30' }, active: true, passwordChanged: true },
      ),
    ).toEqual({ before: { roles: ['reception'] }, after: { roles: ['reception', 'clerk'], passwordChanged: true } });
  });

  it('gives empty sides when nothing changed', () => {
    expect(changedFields({ a: 1 }, { a: 1 })).toEqual({ before: {}, after: {} });
  });
});
