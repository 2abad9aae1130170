import { readFileSync } from 'node:fs';
import { ACCESS_POLICY, renderAccessPolicyTable } from '../../src/common/auth/access-policy.js';
import { ACCESS_ROLES, type Role } from '../../src/common/auth/principal.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// Every documented route × every role: the answer the declared policy predicts.
const ID = '00000000-0000-4000-8000-00000000abcd';
const DEPARTMENT = '00000000-0000-4000-8000-00000000d001';

describe('the declared access policy', () => {
  let t: TestApp;
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    const document = (await t.http.get('/docs/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((method) => ({ method: method.toUpperCase(), path })),
    );
  });
  afterAll(() => t.close());

  it('declares every route of /docs/openapi.json, and nothing that is not one', () => {
    const documented = routes.map((r) => `${r.method} ${r.path}`).filter((r) => r.includes(' /api/')).sort();
    expect(Object.keys(ACCESS_POLICY).sort()).toEqual(documented);
  });

  it('answers each role as the policy predicts: 403 when the role is not listed, never 403 when it is', async () => {
    const mismatches: string[] = [];
    for (const { method, path } of routes.filter((r) => r.path.startsWith('/api/'))) {
      const rule = ACCESS_POLICY[`${method} ${path}`];
      const url = path.replace(/\{[^}]+\}/g, ID);
      for (const role of ACCESS_ROLES as readonly Role[]) {
        const request = t.http[method.toLowerCase() as 'get'](url).set(t.auth({ role, subjectId: ID, ...(role === 'central-coordinator' || role === 'admin' || role === 'member' ? {} : { departmentId: DEPARTMENT }) }));
        const response = await (method === 'GET' || method === 'DELETE' ? request : request.send({}));
        const allowed = rule.roles === 'public' || rule.roles.includes(role);
        const forbidden = response.status === 403 && response.body.code !== 'CSRF_TOKEN_INVALID';
        if (allowed === forbidden) mismatches.push(`${method} ${path} as ${role}: ${response.status} ${response.body.code ?? ''} (policy: ${allowed ? 'allowed' : 'forbidden'})`);
      }
      if (rule.roles !== 'public') {
        const anonymous = await t.http[method.toLowerCase() as 'get'](url);
        if (anonymous.status !== 401) mismatches.push(`${method} ${path} without sign-in: ${anonymous.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('is the table in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderAccessPolicyTable());
  });
});
