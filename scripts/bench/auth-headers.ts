const DEMO_PASSWORD = 'demo';

const cache = new Map<string, Promise<Record<string, string>>>();

/**
 * The one place the bench authenticates: logs in as the demo account named after the role (password "demo") and
 * sends its bearer token.
 */
export function authHeaders(baseUrl: string, role: string): Promise<Record<string, string>> {
  const key = `${baseUrl} ${role}`;
  let headers = cache.get(key);
  if (!headers) {
    headers = login(baseUrl, role);
    cache.set(key, headers);
    headers.catch(() => cache.delete(key));
  }
  return headers;
}

async function login(baseUrl: string, role: string): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: role, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login as ${role} failed: ${res.status} ${await res.text()}`);
  const { accessToken } = (await res.json()) as { accessToken?: string };
  if (!accessToken) throw new Error(`login as ${role} returned no accessToken`);
  return { authorization: `Bearer ${accessToken}` };
}
