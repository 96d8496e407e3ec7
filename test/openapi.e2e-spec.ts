import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { receive, send } from './support/dossier-api';
import { contractOf } from './support/openapi-contract';
import { startTestApp, type TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const COMMITTED = join(ROOT, 'docs', 'openapi.json');
const WEB_SCHEMA = join(ROOT, 'apps', 'web', 'src', 'api-schema.d.ts');

describe('the OpenAPI document as the contract', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('/docs-json serves the document whatever the Accept header, and it is the committed docs/openapi.json (npm run openapi)', async () => {
    const res = await t.raw.get('/docs-json').set('Accept', 'text/html,application/xhtml+xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(JSON.parse(readFileSync(COMMITTED, 'utf8')));
    const yaml = await t.raw.get('/docs-yaml').set('Accept', 'text/html');
    expect(yaml.status).toBe(200);
    expect(yaml.text).toMatch(/^openapi: 3\./);
  });

  it("the web app's types are the ones openapi-typescript generates from the committed document", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-ts-'));
    try {
      const out = join(dir, 'api-schema.d.ts');
      await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'openapi-typescript'), [COMMITTED, '-o', out], { cwd: ROOT });
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(WEB_SCHEMA, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every operation is described: an id, a summary, its success and error answers in the one error format', () => {
    const { paths } = contractOf(t.app).document;
    const ops = Object.values(paths).flatMap((item) => (['get', 'put', 'post', 'patch', 'delete'] as const).flatMap((m) => (item[m] ? [item[m]] : [])));
    expect(ops.length).toBeGreaterThanOrEqual(28);
    for (const op of ops) {
      expect(op).toEqual(expect.objectContaining({ operationId: expect.any(String), summary: expect.any(String) }));
      const statuses = Object.keys(op.responses);
      expect(statuses.some((s) => s.startsWith('2'))).toBe(true);
      for (const s of statuses.filter((x) => Number(x) >= 400)) {
        expect([op.operationId, s, op.responses[s]]).toEqual([op.operationId, s, expect.objectContaining({ content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorDto' } } } })]);
      }
    }
  });

  it('the contract check refuses an answer the document does not describe: an unknown status, a missing field, a wrong type', async () => {
    const contract = contractOf(t.app);
    const dossier = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01' });
    const res = await t.http.get(`/api/v1/dossiers/${dossier.id}`);
    const json = { 'content-type': 'application/json; charset=utf-8' };
    expect(contract.check('GET', `/api/v1/dossiers/${dossier.id}`, { status: 200, headers: json, body: res.body })).toBeNull();
    expect(contract.check('GET', `/api/v1/dossiers/${dossier.id}`, { status: 418, headers: json, body: {} })).toMatch(/status not described/);
    const { code: _code, ...withoutCode } = res.body;
    expect(contract.check('GET', `/api/v1/dossiers/${dossier.id}`, { status: 200, headers: json, body: withoutCode })).toMatch(/must have required property 'code'/);
    expect(contract.check('GET', `/api/v1/dossiers/${dossier.id}`, { status: 200, headers: json, body: { ...res.body, version: 'two' } })).toMatch(/\/version must be/);
    expect(contract.check('GET', `/api/v1/dossiers/${dossier.id}`, { status: 404, headers: json, body: { statusCode: 404, error: 'no_such_code', message: 'x' } })).toMatch(/\/error must be equal to one of the allowed values/);
    // And a real error answer is described: an event not allowed now.
    const refused = await send(t, dossier.id, { type: 'DELIVER' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'event_not_allowed', details: { allowed: expect.any(Array) } });
  });

  it('the test agents check every answer: one whose status the document does not describe fails the request', async () => {
    const responses = contractOf(t.app).document.paths['/api/v1/dossiers/{id}'].get!.responses;
    const described = responses['404'];
    delete responses['404'];
    try {
      await expect(t.http.get('/api/v1/dossiers/00000000-0000-4000-8000-000000000000').then((r) => r.status)).rejects.toThrow(/OpenAPI contract: .*→ 404: status not described/);
    } finally {
      responses['404'] = described;
    }
    expect((await t.http.get('/api/v1/dossiers/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
