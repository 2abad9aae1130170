import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import type { Response } from 'supertest';
import type { Principal } from '../../src/common/auth/principal.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { readTestEnvironment } from '../support/test-environment.js';

/**
 * Property-based: every write endpoint in /docs/openapi.json (and every query of the read endpoints) gets
 * generated bad input — wrong types, null, NUL, lone surrogates, huge numbers, deep nesting, extra fields,
 * malformed JSON, bad path ids and query values — from callers of several roles. Any 5xx, or any error
 * answer without `{ statusCode, code, message, requestId }`, fails the test.
 *
 * It runs on a database of its own (dropped afterwards): generated input that happens to be valid really
 * creates staff, members, slots and optimiser runs, and the other test files must never see those.
 */

// About 1,450 requests: well under a minute on a busy 2-core machine.
const RUNS_PER_WRITE_ENDPOINT = 40;
const RUNS_PER_READ_ENDPOINT = 12;

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
};
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodySchema?: Schema;
  csv: boolean;
}

type Mutation =
  | { kind: 'none' }
  | { kind: 'field'; field: number; value: unknown }
  | { kind: 'nested'; field: number; value: unknown }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'drop'; field: number }
  | { kind: 'whole'; value: unknown }
  | { kind: 'raw'; text: string };

interface Case {
  role: number;
  pathIds: (string | null)[];
  query: Record<string, string>;
  body: Mutation;
}

/** Nesting `depth` levels deep, kept as a marker until the body is written (fast-check's reports recurse into values). */
class Deep {
  constructor(readonly depth: number) {}
}

function deepJson(depth: number): string {
  const opens = Array.from({ length: depth }, (_, i) => (i % 2 === 0 ? '[' : '{"a":'));
  const closes = Array.from({ length: depth }, (_, i) => (i % 2 === 0 ? ']' : '}')).reverse();
  return `${opens.join('')}1${closes.join('')}`;
}

function toJsonText(value: unknown): string {
  const deep: string[] = [];
  const text =
    JSON.stringify(value, (_key, v: unknown) =>
      v instanceof Deep ? `\u0001deep${deep.push(deepJson(v.depth)) - 1}` : v,
    ) ?? 'null';
  return text.replace(/"\\u0001deep(\d+)"/g, (_match, index: string) => deep[Number(index)]);
}

const awkwardStrings = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '',
  ' ',
  'x'.repeat(5_000),
  '9999-12-31',
  '1000-01-01',
  '5000-06-01',
  '2031-02-30',
  '2031-13-01',
  '2031-03-30T02:30:00',
  '2028-03-26T02:30',
  '2027-10-31T02:30',
  '2031-06-05T10:00:00.123Z',
  '2031-06-05T10:00:00.100',
  '2031-06-05T10:00:59+01:00',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '../../etc/passwd',
  '%00',
  '-1',
  'NaN',
  'Infinity',
  '1e400',
  'true',
  'null',
  '2031-W60',
  '0000-00',
  '__proto__',
];

const weirdString = fc.oneof(
  fc.constantFrom(...awkwardStrings),
  fc.string({
    unit: fc.oneof(
      fc.constantFrom('\u0000', '\ud800', '\udfff', '\u202e', '\n'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 12,
  }),
  fc.string({ maxLength: 20 }),
);

const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 31) - 1, -1, 0, 0.5, 1e-300),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  weirdString,
  fc.array(fc.oneof(weirdString, fc.integer(), fc.constant(null), fc.constant([[[]]])), { maxLength: 4 }),
  fc.dictionary(weirdString, fc.oneof(weirdString, fc.integer(), fc.constant(null)), { maxKeys: 3 }),
  fc.integer({ min: 20, max: 3_000 }).map((depth) => new Deep(depth)),
);

const rawJson = fc.constantFrom(
  '{',
  '[1,',
  '"\\ud800"',
  '{"a":"\\u0000"}',
  '{"a":1}{',
  'null',
  '1e999',
  '"x"',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  '{"__proto__":{"x":1}}',
);

const badId = fc.oneof(
  fc.constantFrom(
    'not-a-uuid',
    '%00',
    '%E0%A4%A',
    '123',
    'x'.repeat(300),
    '00000000-0000-0000-0000-000000000000',
    '..%2F..',
    '%20',
    'null',
    "1'--",
  ),
  fc.uuid(),
);

function resolve(
  document: { components?: { schemas?: Record<string, Schema> } },
  schema: Schema | undefined,
): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(document, document.components?.schemas?.[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length) return resolve(document, schema.allOf[0]);
  return schema;
}

describe('fuzzing every write endpoint listed in /docs/openapi.json', () => {
  let t: TestApp;
  let dropDatabase: () => Promise<void> = async () => undefined;
  const ids: Record<string, string> = {};
  const roles: (Principal | undefined)[] = [];

  beforeAll(async () => {
    const environment = readTestEnvironment();
    const adminUrl = process.env.AKASSE_TEST_ADMIN_URL!;
    const shared = process.env.AKASSE_TEST_DATABASE_NAME!;
    const name = `${shared}_fuzz`;
    // The run's database, migrated and with the demo data (loaded here if this file runs first), copied as a
    // template: much faster than loading the demo data again. The copy needs the original idle for a moment.
    await (await createTestApp()).close();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      // Should a connection to the original still be open, start empty instead: the app below migrates and loads it.
      await admin
        .query(`CREATE DATABASE ${name} TEMPLATE ${shared}`)
        .catch(() => admin.query(`CREATE DATABASE ${name}`));
    } finally {
      await admin.end();
    }
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
    // createTestApp reads the database from the environment the global setup hands over.
    const sharedUrl = process.env.AKASSE_TEST_DATABASE_URL;
    process.env.AKASSE_TEST_DATABASE_URL = sharedUrl!.replace(/\/[^/?]+(\?.*)?$/, `/${name}`);
    try {
      t = await createTestApp({ REDIS_KEY_PREFIX: `${environment.redisPrefix}:fuzz` });
    } finally {
      process.env.AKASSE_TEST_DATABASE_URL = sharedUrl;
    }

    const one = async (sql: string, ...params: string[]) =>
      ((await t.db.query(sql, params)) as { id: string }[])[0]?.id ?? randomUUID();
    ids.office = await one(`SELECT id FROM office WHERE kind = 'main' ORDER BY code LIMIT 1`);
    ids.department = await one(`SELECT department_id AS id FROM office WHERE id = $1`, ids.office);
    ids.room = await one(`SELECT id FROM room WHERE office_id = $1 ORDER BY seats DESC LIMIT 1`, ids.office);
    ids.staff = await one(
      `SELECT id FROM staff WHERE office_id = $1 AND role = 'adviser' ORDER BY name LIMIT 1`,
      ids.office,
    );
    ids.member = await one(
      `SELECT id FROM member WHERE status = 'active' AND home_office_id = $1 ORDER BY member_number LIMIT 1`,
      ids.office,
    );
    ids.otherMember = await one(
      `SELECT id FROM member WHERE status = 'active' AND home_office_id = $1 ORDER BY member_number DESC LIMIT 1`,
      ids.office,
    );
    ids.item = await one(`SELECT id FROM programme_item WHERE member_id = $1 AND status = 'open' LIMIT 1`, ids.member);
    ids.slot = await one(
      `SELECT id FROM slot WHERE office_id = $1 AND status = 'open' AND lower(during) > now() LIMIT 1`,
      ids.office,
    );
    ids.session = await one(
      `SELECT id FROM session WHERE office_id = $1 AND status = 'scheduled' AND lower(during) > now() LIMIT 1`,
      ids.office,
    );
    ids.booking = await one(
      `SELECT b.id FROM booking b JOIN member m ON m.id = b.member_id WHERE m.home_office_id = $1 AND b.status = 'booked' LIMIT 1`,
      ids.office,
    );
    roles.push(
      undefined,
      { role: 'member', subjectId: ids.member },
      { role: 'adviser', subjectId: ids.staff, departmentId: ids.department },
      { role: 'office-coordinator', subjectId: randomUUID(), departmentId: ids.department },
      { role: 'central-coordinator', subjectId: randomUUID() },
      { role: 'admin', subjectId: randomUUID() },
    );
    // Most cases as a central coordinator, who passes every role check, so the input itself gets tested.
    roles.push(roles[4], roles[4]);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await dropDatabase();
  });

  /** A real id for a field or path parameter, by its name and the route it belongs to. */
  function idFor(name: string, path: string): string {
    const byName: Record<string, string> = {
      officeId: ids.office,
      officeIds: ids.office,
      departmentId: ids.department,
      departmentIds: ids.department,
      roomId: ids.room,
      staffId: ids.staff,
      leaderIds: ids.staff,
      memberId: ids.member,
      subjectId: ids.member,
      programmeItemId: ids.item,
      slotId: ids.slot,
      sessionId: ids.session,
    };
    if (byName[name]) return byName[name];
    if (name !== 'id') return randomUUID();
    if (/\/(erasure|referral)$/.test(path)) return ids.otherMember;
    const owner = path.split('/')[2];
    const byRoute: Record<string, string> = {
      offices: ids.office,
      staff: ids.staff,
      members: ids.member,
      bookings: ids.booking,
      slots: ids.slot,
      sessions: ids.session,
    };
    return byRoute[owner] ?? randomUUID();
  }

  function example(document: object, schema: Schema | undefined, name: string, path: string): unknown {
    const resolved = resolve(document, schema);
    if (!resolved) return 'x';
    if (resolved.format === 'uuid') return resolved.type === 'array' ? [idFor(name, path)] : idFor(name, path);
    if (resolved.example !== undefined) return resolved.example;
    if (resolved.enum?.length) return resolved.enum[0];
    switch (resolved.type) {
      case 'integer':
      case 'number':
        return resolved.minimum ?? 1;
      case 'boolean':
        return true;
      case 'array':
        return resolve(document, resolved.items)?.format === 'uuid'
          ? [idFor(name, path)]
          : [example(document, resolved.items, name, path)];
      case 'object':
      case undefined:
        if (!resolved.properties) return {};
        return Object.fromEntries(
          Object.entries(resolved.properties).map(([key, property]) => [key, example(document, property, key, path)]),
        );
      default:
        return 'text';
    }
  }

  function applyMutation(base: unknown, mutation: Mutation): { json?: unknown; raw?: string } {
    if (mutation.kind === 'raw') return { raw: mutation.text };
    if (mutation.kind === 'whole') return { json: mutation.value };
    if (!base || typeof base !== 'object' || Array.isArray(base)) return { json: base };
    const body = structuredClone(base) as Record<string, unknown>;
    const keys = Object.keys(body);
    const key = keys.length > 0 && 'field' in mutation ? keys[mutation.field % keys.length] : undefined;
    if (mutation.kind === 'field' && key) body[key] = mutation.value;
    if (mutation.kind === 'drop' && key) delete body[key];
    if (mutation.kind === 'extra') body[mutation.key] = mutation.value;
    if (mutation.kind === 'nested' && key) {
      const inner = body[key];
      const target = Array.isArray(inner) ? inner[0] : inner;
      if (target && typeof target === 'object' && !Array.isArray(target)) {
        const innerKeys = Object.keys(target);
        if (innerKeys.length > 0)
          (target as Record<string, unknown>)[innerKeys[mutation.field % innerKeys.length]] = mutation.value;
      } else if (Array.isArray(inner)) inner[0] = mutation.value;
      else body[key] = mutation.value;
    }
    return { json: body };
  }

  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('field' as const), field: fc.nat(20), value: badValue }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('nested' as const), field: fc.nat(20), value: badValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('extra' as const), key: weirdString, value: badValue }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), field: fc.nat(20) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('whole' as const), value: badValue }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), text: rawJson }) },
  );

  function caseFor(endpoint: Endpoint, queryNames: string[]): fc.Arbitrary<Case> {
    return fc.record({
      role: fc.nat(roles.length - 1),
      pathIds: fc.tuple(...endpoint.pathParams.map(() => fc.option(badId, { freq: 3 }))) as fc.Arbitrary<
        (string | null)[]
      >,
      query: fc.dictionary(fc.constantFrom(...queryNames, 'x', 'from', 'scenario'), weirdString, { maxKeys: 3 }),
      body: mutation,
    });
  }

  function send(document: object, endpoint: Endpoint, c: Case) {
    let path = endpoint.path;
    endpoint.pathParams.forEach((name, index) => {
      const bad = c.pathIds[index];
      path = path.replace(
        `{${name}}`,
        bad === null ? idFor(name, endpoint.path) : bad.includes('%') ? bad : encodeURIComponent(bad),
      );
    });
    let request = t.http[endpoint.method](path).query(c.query);
    const principal = roles[c.role];
    if (principal) request = request.set(t.auth(principal));
    if (endpoint.method === 'get') return request;
    if (endpoint.csv) {
      const text =
        c.body.kind === 'raw'
          ? c.body.text
          : typeof (c.body as { value?: unknown }).value === 'string'
            ? (c.body as { value: string }).value
            : 'office_code,week_start,target_group,new_members\n\u0000,9999-99-99,x,-1\n';
      return request.set('Content-Type', 'text/csv').send(text);
    }
    const { json, raw } = applyMutation(example(document, endpoint.bodySchema, 'body', endpoint.path), c.body);
    if (raw !== undefined) return request.set('Content-Type', 'application/json').send(raw);
    if (json === undefined) return request;
    return request.set('Content-Type', 'application/json').send(toJsonText(json));
  }

  function problemWith(response: Response): string | undefined {
    if (response.status >= 500) return `${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
    if (response.status < 400) return undefined;
    const body = response.body as Record<string, unknown>;
    const shaped =
      /^application\/json/.test(response.headers['content-type'] ?? '') &&
      body?.statusCode === response.status &&
      typeof body.code === 'string' &&
      typeof body.message === 'string' &&
      typeof body.requestId === 'string' &&
      body.requestId.length > 0;
    return shaped ? undefined : `${response.status} without the documented body: ${response.text?.slice(0, 200)}`;
  }

  it('answers generated bad input with a documented 4xx, never a 5xx', async () => {
    const documentResponse = await t.http.get('/docs/openapi.json');
    expect(documentResponse.status).toBe(200);
    const document = documentResponse.body as { paths: Record<string, Record<string, Operation>> };
    const endpoints: Endpoint[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        if (method === 'get' && queryParams.length === 0) continue;
        const content = operation.requestBody?.content ?? {};
        endpoints.push({
          method: method as Endpoint['method'],
          path,
          pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
          queryParams,
          bodySchema: content['application/json']?.schema,
          csv: Boolean(content['text/csv']),
        });
      }
    }
    const writes = endpoints.filter((e) => e.method !== 'get');
    expect(writes.length).toBeGreaterThanOrEqual(30);

    let requests = 0;
    let serverErrors = 0;
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    for (const endpoint of endpoints) {
      try {
        await fc.assert(
          fc.asyncProperty(caseFor(endpoint, endpoint.queryParams), async (c) => {
            const response = await send(document, endpoint, c);
            requests += 1;
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            if (response.status >= 500) serverErrors += 1;
            const problem = problemWith(response);
            if (problem) throw new Error(problem);
          }),
          {
            numRuns: endpoint.method === 'get' ? RUNS_PER_READ_ENDPOINT : RUNS_PER_WRITE_ENDPOINT,
            seed: 20_261_123,
            endOnFailure: true,
          },
        );
      } catch (error) {
        const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
        const counterexample =
          (error as Error).message.split('\n').find((line) => line.startsWith('Counterexample')) ?? '';
        failures.push(
          `${endpoint.method.toUpperCase()} ${endpoint.path}: ${cause.slice(0, 300)} | ${counterexample.slice(0, 400)}`,
        );
      }
    }
    const byStatus = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${count}`)
      .join(' ');
    console.warn(
      `fuzz: ${requests} requests to ${writes.length} write and ${endpoints.length - writes.length} read endpoints, ${serverErrors} answered 5xx (${byStatus})`,
    );
    expect(failures).toEqual([]);
    expect(serverErrors).toBe(0);
  }, 300_000);
});
