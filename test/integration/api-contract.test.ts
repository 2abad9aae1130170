import { readFile } from 'node:fs/promises';
import { openApiTypes } from '../../src/openapi-types.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, { properties?: Record<string, Record<string, unknown>> }> };
};

const SCHEMA_FILE = 'web/src/api/schema.d.ts';

/**
 * Operations whose answers are not declared yet: none since every module declares its responses (issue #11). An entry
 * here makes the test below fail once its operation declares its answer. (204 routes document themselves.)
 */
const NOT_YET_COVERED: string[] = [];

/**
 * What an operation declares it answers: a 2xx with a schema for each content type (JSON, or a declared other type
 * such as text/csv or text/calendar), a 204 with nothing, or a redirect (sign-in sends the browser on).
 */
function declaresItsAnswer(operation: Operation): boolean {
  return Object.entries(operation.responses ?? {}).some(([status, response]) => {
    if (status === '204' || /^3\d\d$/.test(status)) return true;
    if (!/^2\d\d$/.test(status)) return false;
    const content = Object.values(response.content ?? {});
    return content.length > 0 && content.every((media) => media.schema !== undefined);
  });
}

/** Fields of other modules still documented as an empty object (see the test below); remove each one when fixed. */
const EMPTY_OBJECT_FIELDS_NOT_YET_FIXED: string[] = [];

function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  const line = left.findIndex((text, i) => text !== right[i]);
  const at = line === -1 ? left.length : line;
  return `line ${at + 1}: generated ${JSON.stringify(left[at] ?? '(end)')}, checked in ${JSON.stringify(right[at] ?? '(end)')}`;
}

describe('the API contract', () => {
  let t: TestApp;
  let document: Document;
  beforeAll(async () => {
    t = await createTestApp({}, { demo: false });
    document = (await t.http.get('/docs/openapi.json').expect(200)).body as Document;
  });
  afterAll(() => t?.close());

  it(`${SCHEMA_FILE} is what the running service's document generates (run npm run api:types)`, async () => {
    const generated = await openApiTypes(document as never);
    const checkedIn = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
    if (generated !== checkedIn) {
      throw new Error(
        `${SCHEMA_FILE} is out of date with the OpenAPI document: run npm run api:types and commit the file (${firstDifference(generated, checkedIn)}).`,
      );
    }
  });

  // A field typed as a union (`string | null`) without `type` in its decorator reflects as Object: the client
  // would then see `Record<string, never>` where the server sends a string.
  it('no schema field is an object without properties (a union-typed field missing its type)', () => {
    const empty = Object.entries(document.components?.schemas ?? {}).flatMap(([schema, { properties }]) =>
      Object.entries(properties ?? {})
        .filter(
          ([, field]) =>
            field.type === 'object' &&
            !field.properties &&
            !field.allOf &&
            !field.oneOf &&
            field.additionalProperties === undefined,
        )
        .map(([field]) => `${schema}.${field}`),
    );
    expect(empty.filter((name) => !EMPTY_OBJECT_FIELDS_NOT_YET_FIXED.includes(name))).toEqual([]);
  });

  it('every operation declares its answer, except the listed ones of modules not done yet', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
    );
    const names = new Set(operations.map((o) => o.name));
    const undeclared = operations
      .filter((o) => !NOT_YET_COVERED.includes(o.name) && !declaresItsAnswer(o.operation))
      .map((o) => o.name);
    const nowDeclared = operations
      .filter((o) => NOT_YET_COVERED.includes(o.name) && declaresItsAnswer(o.operation))
      .map((o) => o.name);
    const gone = NOT_YET_COVERED.filter((name) => !names.has(name));
    expect({ undeclared, nowDeclaredRemoveFromNotYetCovered: nowDeclared, goneRemoveFromNotYetCovered: gone }).toEqual({
      undeclared: [],
      nowDeclaredRemoveFromNotYetCovered: [],
      goneRemoveFromNotYetCovered: [],
    });
  });
});
