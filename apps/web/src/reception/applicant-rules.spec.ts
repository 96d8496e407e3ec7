import { describe, expect, it } from '@jest/globals';
import { EMPTY_APPLICANT, newIdempotencyKey, toApplicant, validateApplicant } from './applicant-rules';

const citizen = { ...EMPTY_APPLICANT, fullName: 'Nguyễn Văn A', idNumber: '001090012345' };

describe('applicant rules at the desk', () => {
  it('accepts a citizen with a 12-digit CCCD and a Vietnamese mobile or landline number', () => {
    expect(validateApplicant({ ...citizen, phone: '0912 345 678' })).toEqual({});
    expect(validateApplicant({ ...citizen, phone: '+84912345678' })).toEqual({});
    expect(validateApplicant({ ...citizen, phone: '0222.3854.123' })).toEqual({});
  });

  it.each([
    ['12345', 'idNumber'],
    ['0010900123456', 'idNumber'],
    ['00109001234A', 'idNumber'],
  ])('refuses the CCCD %s', (idNumber, field) => {
    expect(Object.keys(validateApplicant({ ...citizen, idNumber }))).toEqual([field]);
  });

  it('wants an enterprise code (10 digits, or a branch with -3 digits) instead of a CCCD for enterprises and organisations', () => {
    expect(validateApplicant({ ...citizen, type: 'enterprise', idNumber: '0101234567' })).toEqual({});
    expect(validateApplicant({ ...citizen, type: 'organization', idNumber: '0101234567-001' })).toEqual({});
    expect(validateApplicant({ ...citizen, type: 'enterprise', idNumber: '001090012345' }).idNumber).toMatch(/10 chữ số/);
  });

  it('names every missing or malformed field in Vietnamese', () => {
    const errors = validateApplicant({ ...EMPTY_APPLICANT, phone: '12345', email: 'a@b' });
    expect(errors).toEqual({
      fullName: 'Vui lòng nhập họ và tên.',
      idNumber: 'Vui lòng nhập số CCCD.',
      phone: expect.stringContaining('Số điện thoại không hợp lệ'),
      email: expect.stringContaining('email không hợp lệ'),
    });
  });

  it('sends the applicant trimmed, with the phone normalised and empty optional fields left out', () => {
    expect(toApplicant({ ...citizen, fullName: ' Nguyễn Văn A ', phone: '0912 345 678', email: ' ', address: '' })).toEqual({
      type: 'citizen',
      fullName: 'Nguyễn Văn A',
      idNumber: '001090012345',
      phone: '0912345678',
    });
  });

  it('makes a different version-4 UUID each time, also where crypto.randomUUID is missing (plain http)', () => {
    const real = crypto.randomUUID;
    try {
      Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
      const a = newIdempotencyKey();
      const b = newIdempotencyKey();
      expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(a).not.toBe(b);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: real, configurable: true });
    }
  });
});
