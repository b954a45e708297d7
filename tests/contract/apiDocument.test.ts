/**
 * The OpenAPI document is a contract others build on: every operation named, summarised and declaring
 * its errors in the one Error shape; and the checker the API tests run on every response refuses what
 * the document does not say. (Redocly's lint of the same document runs in CI: `npm run lint:api`.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiContract } from '../helpers/apiContract.js';
import { buildApiDocument, type ApiDocument } from '../helpers/apiDocument.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

let document: ApiDocument;
beforeAll(async () => {
  document = await buildApiDocument({ PUBLIC_ORIGIN: 'https://circles.example.org' });
});

function operations() {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item?.[method] ? [{ path, method, op: item[method] }] : [])),
  );
}

describe('the API document', () => {
  it('gives every operation a unique camelCase operationId and a summary', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    const ids = ops.map(({ op }) => op.operationId);
    for (const { path, method, op } of ops) {
      expect(op.operationId, `${method.toUpperCase()} ${path}`).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(op.summary, `${method.toUpperCase()} ${path}`).toBeTruthy();
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares a success and its errors for every operation, each error as the shared Error component', () => {
    expect(document.components?.schemas?.Error).toMatchObject({ required: ['statusCode', 'error', 'code', 'message'] });
    for (const { path, method, op } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      const statuses = Object.keys(op.responses).map(Number);
      expect(statuses.some((s) => s >= 200 && s < 300), where).toBe(true);
      expect(statuses.some((s) => s >= 400 && s < 500), where).toBe(true);
      for (const status of statuses.filter((s) => s >= 400)) {
        expect(op.responses[status], `${where} ${status}`).toMatchObject({
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        });
      }
      if (path.includes('{')) expect(statuses, where).toContain(404);
      if (!(op.security && op.security.length === 0)) expect(statuses, where).toEqual(expect.arrayContaining([401, 403]));
    }
  });

  it('names the server from PUBLIC_ORIGIN and describes every tag it uses', () => {
    expect(document.servers).toEqual([{ url: 'https://circles.example.org' }]);
    const described = new Map((document.tags ?? []).map((t) => [t.name, t.description]));
    for (const { op } of operations()) for (const tag of op.tags ?? []) expect(described.get(tag), tag).toBeTruthy();
  });
});

describe('the response checker the API tests use', () => {
  const errorBody = { statusCode: 404, error: 'Not Found', code: 'NOT_FOUND', message: 'No such group' };
  const json = { 'content-type': 'application/json; charset=utf-8' };

  it('accepts a declared status with a body of the declared shape', () => {
    const contract = new ApiContract(document);
    expect(contract.check({ method: 'GET', url: '/api/groups/no-such-group', status: 404, headers: json, body: errorBody })).toBeNull();
    expect(contract.check({ method: 'POST', url: '/api/auth/logout', status: 204, headers: {}, body: {}, text: '' })).toBeNull();
  });

  it('refuses a status the operation does not declare', () => {
    const contract = new ApiContract(document);
    const problem = contract.check({ method: 'GET', url: '/api/conditions', status: 404, headers: json, body: errorBody });
    expect(problem).toMatch(/listConditions.*does not declare/);
  });

  it('refuses a body that does not match: an unknown code, a missing field, an extra field', () => {
    const contract = new ApiContract(document);
    const check = (body: unknown) => contract.check({ method: 'GET', url: '/api/groups/x', status: 404, headers: json, body });
    expect(check({ ...errorBody, code: 'GONE_FISHING' })).toMatch(/does not match/);
    expect(check({ statusCode: 404, code: 'NOT_FOUND', message: 'x' })).toMatch(/does not match/);
    expect(check({ ...errorBody, stack: 'at x (y.ts:1)' })).toMatch(/does not match/);
    expect(contract.check({ method: 'GET', url: '/api/health', status: 200, headers: json, body: { status: 1 } })).toMatch(/does not match/);
  });

  it('refuses a 429 without Retry-After and a body where none is declared', () => {
    const contract = new ApiContract(document);
    const limited = { statusCode: 429, error: 'Too Many Requests', code: 'RATE_LIMITED', message: 'Slow down' };
    expect(contract.check({ method: 'GET', url: '/api/me', status: 429, headers: json, body: limited })).toMatch(/Retry-After/);
    expect(contract.check({ method: 'GET', url: '/api/me', status: 429, headers: { ...json, 'retry-after': '3' }, body: limited })).toBeNull();
    expect(contract.check({ method: 'POST', url: '/api/auth/logout', status: 204, headers: json, body: { ok: true }, text: '{"ok":true}' })).toMatch(
      /declares none/,
    );
  });

  it('leaves alone what the document does not cover (the SPA, unknown API paths)', () => {
    const contract = new ApiContract(document);
    expect(contract.check({ method: 'GET', url: '/groups/x', status: 200, headers: {}, body: {} })).toBeNull();
    expect(contract.check({ method: 'GET', url: '/api/nothing-here', status: 404, headers: json, body: errorBody })).toBeNull();
  });
});
