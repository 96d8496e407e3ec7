import bcrypt from 'bcryptjs';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Login timing must not tell which usernames exist: the password check (bcrypt, ~70 ms) runs for an unknown username
 * too. Asserted by what runs, not by how long it takes (timings are the bench's business).
 */
describe('login in the same time whether the account exists', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['an unknown username', 'khong-ton-tai'],
    ['a known username with a wrong password', 'reception'],
  ])('%s: one bcrypt comparison, then the same 401', async (_case, username) => {
    const compare = jest.spyOn(bcrypt, 'compare');
    try {
      const res = await t.raw.post('/api/v1/auth/login').send({ username, password: 'sai-mat-khau-123' });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ statusCode: 401, error: 'invalid_credentials', message: 'Wrong username or password' });
      expect(compare).toHaveBeenCalledTimes(1);
    } finally {
      compare.mockRestore();
    }
  });
});
