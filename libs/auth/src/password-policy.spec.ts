import type { BadRequestException } from '@nestjs/common';
import { assertAcceptablePassword } from './password-policy';

/** The field error a refused password gives, or null when it is accepted. */
function refusal(password: string, username = 'nguyen.van.a', field?: string) {
  try {
    assertAcceptablePassword(password, username, field);
    return null;
  } catch (e) {
    const body = (e as BadRequestException).getResponse() as { details: { field: string; code: string; params?: Record<string, unknown> }[] };
    return body.details[0];
  }
}

describe('the password policy', () => {
  it('accepts long phrases of unrelated words, with or without diacritics', () => {
    expect(refusal('sen-hong-no-som-2026')).toBeNull();
    expect(refusal('hoa-sen-nở-muộn-7')).toBeNull();
    expect(refusal('correct horse battery staple')).toBeNull();
  });

  it('refuses fewer than 12 characters, counting characters rather than bytes', () => {
    expect(refusal('12345678')).toMatchObject({ field: 'password', code: 'password_too_short', params: { min: 12 } });
    expect(refusal(' '.repeat(8))).toMatchObject({ code: 'password_too_short' });
    // 11 letters with diacritics are more than 12 bytes, but still 11 characters.
    expect(refusal('ấếốứờởỡợừửữ'.slice(0, 11))).toMatchObject({ code: 'password_too_short' });
  });

  it('refuses more than bcrypt’s 72 bytes instead of cutting it silently', () => {
    const ascii = 'the-quick-brown-fox-jumps-over-a-lazy-dog-while-nine-wild-cats-sing-loud'.slice(0, 72);
    expect(Buffer.byteLength(ascii)).toBe(72);
    expect(refusal(ascii)).toBeNull();
    expect(refusal(`${ascii}q`)).toMatchObject({ code: 'password_too_long', params: { maxBytes: 72 } });
    // 30 characters, but 3 bytes each: 90 bytes.
    expect(refusal('ốờữ'.repeat(10))).toMatchObject({ code: 'password_too_long' });
  });

  it('refuses the username itself or a password containing it, whatever the case', () => {
    expect(refusal('nguyen.van.a', 'nguyen.van.a')).toMatchObject({ code: 'password_contains_username' });
    expect(refusal('Nguyen.Van.A-xyz-2026', 'nguyen.van.a')).toMatchObject({ code: 'password_contains_username' });
    // Too short a username to look for inside words: only the strength rule applies.
    expect(refusal('thanh-an-di-bo-ve-que', 'an')).toBeNull();
  });

  it('refuses common passwords, keyboard runs and repeats, saying how weak', () => {
    for (const weak of ['password1234', 'qwertyuiop12', ' '.repeat(12), 'abcdefghijkl', '123456789012']) {
      const r = refusal(weak);
      expect(r).toMatchObject({ code: 'password_too_weak', params: { minScore: 3 } });
      expect(r?.params?.score).toBeLessThan(3);
    }
  });

  it('names the field it was given', () => {
    expect(refusal('short', 'x', 'newPassword')).toMatchObject({ field: 'newPassword', code: 'password_too_short' });
  });
});
