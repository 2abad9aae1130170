import { createTestApp, type TestApp } from '../support/test-app.js';

/*
 * The OpenAPI document declares what every locations, organisation, messaging, capacity and optimiser route answers,
 * so a typed client can be generated from /docs/openapi.json (issue #11). A route without a response schema, or a
 * schema property left as a bare `object` (a union type the decorator could not read), fails here.
 */

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
  enum?: unknown[];
};
type Operation = { tags?: string[]; responses: Record<string, { content?: Record<string, { schema?: Schema }> }> };
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

/** The tags of the controllers in src/locations, src/messaging and src/capacity (optimiser included). */
const TAGS = ['locations', 'organisation', 'messages', 'capacity', 'optimiser'];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** 22 locations and organisation routes, 17 messaging, 23 capacity and optimiser when this test was written. */
const ROUTES_AT_LEAST = 62;

describe('OpenAPI response schemas (locations, messaging, capacity)', () => {
  let t: TestApp;
  let doc: Document;
  beforeAll(async () => {
    t = await createTestApp();
    const response = await t.http.get('/docs/openapi.json');
    expect(response.status).toBe(200);
    doc = response.body as Document;
  });
  afterAll(() => t?.close());

  function operations(): { name: string; operation: Operation }[] {
    const found: { name: string; operation: Operation }[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation?.tags?.some((tag) => TAGS.includes(tag))) found.push({ name: `${method.toUpperCase()} ${path}`, operation });
      }
    }
    return found;
  }

  function resolve(schema: Schema): Schema {
    if (!schema.$ref) return schema;
    const target = doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
    expect({ ref: schema.$ref, found: target !== undefined }).toEqual({ ref: schema.$ref, found: true });
    return target ?? {};
  }

  /** Paths (within one response) to schemas that say nothing: no type, no $ref, or a bare object without properties. */
  function vague(schema: Schema, at: string, seen: Set<string>): string[] {
    if (schema.$ref) {
      if (seen.has(schema.$ref)) return [];
      seen.add(schema.$ref);
      return vague(resolve(schema), `${at}(${schema.$ref.split('/').pop()})`, seen);
    }
    const parts = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
    if (parts.length > 0) return parts.flatMap((part, k) => vague(part, `${at}[${k}]`, seen));
    if (schema.type === 'array') return schema.items ? vague(schema.items, `${at}[]`, seen) : [`${at}: array without items`];
    if (schema.type === 'object' || (schema.type === undefined && schema.properties)) {
      const properties = Object.entries(schema.properties ?? {});
      const extra = schema.additionalProperties;
      if (properties.length === 0 && extra === undefined) return [`${at}: object without properties`];
      return [
        ...properties.flatMap(([key, value]) => vague(value, `${at}.${key}`, seen)),
        ...(typeof extra === 'object' ? vague(extra, `${at}.*`, seen) : []),
      ];
    }
    return schema.type === undefined ? [`${at}: no type`] : [];
  }

  it('finds every route of the three modules', () => {
    expect(operations().length).toBeGreaterThanOrEqual(ROUTES_AT_LEAST);
  });

  it('gives each of them a 2xx response with a schema, a non-JSON content type, or no body (204)', () => {
    const missing: string[] = [];
    for (const { name, operation } of operations()) {
      const ok = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (ok.length === 0) missing.push(`${name}: no 2xx response`);
      for (const [status, response] of ok) {
        if (status === '204') {
          if (response.content) missing.push(`${name}: 204 with a body`);
          continue;
        }
        const content = Object.entries(response.content ?? {});
        if (content.length === 0) missing.push(`${name} ${status}: no content`);
        for (const [type, media] of content) {
          if (!media.schema) missing.push(`${name} ${status} ${type}: no schema`);
          else if (type.startsWith('application/json')) missing.push(...vague(media.schema, `${name} ${status}`, new Set()));
          else if (resolve(media.schema).type !== 'string') missing.push(`${name} ${status} ${type}: not a string`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps the plan as JSON or CSV, and the CSV exports as text/csv only', () => {
    const plan = doc.paths['/api/capacity/plan'].get.responses['200'].content ?? {};
    expect(Object.keys(plan).sort()).toEqual(['application/json', 'text/csv']);
    expect(plan['application/json'].schema?.$ref).toMatch(/CapacityPlanDto$/);
    const unplaced = doc.paths['/api/optimiser/runs/{id}/unplaced'].get.responses['200'].content ?? {};
    expect(Object.keys(unplaced).sort()).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(doc.paths['/api/organisation/{section}'].get.responses['200'].content ?? {})).toEqual(['text/csv']);
  });
});
