import { CENTRAL, createMembers, mainOffice } from '../support/booking-factories.js';
import { waitFor } from '../support/message-servers.js';
import {
  bookFollowUp,
  messagesOf,
  publishFollowUpSlot,
  reachableMember,
  slotFixture,
} from '../support/messaging-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/*
 * The OpenAPI document declares what every locations, organisation, messaging, capacity and optimiser route answers,
 * so a typed client can be generated from /docs/openapi.json (issue #11). A route without a response schema, or a
 * schema property left as a bare `object` (a union type the decorator could not read), fails here; and the answers
 * of the read routes, on the demo data, must fit their schemas (tsc checks the services' types against the DTOs, this
 * checks what reaches the wire: spread rows, stored JSON, nulls).
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
  nullable?: boolean;
  required?: string[];
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
    // Workers on: the optimiser run and the allocation below go through the real queue.
    t = await createTestApp({ RUN_WORKERS: 'true' });
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
        if (operation?.tags?.some((tag) => TAGS.includes(tag)))
          found.push({ name: `${method.toUpperCase()} ${path}`, operation });
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
    if (schema.type === 'array')
      return schema.items ? vague(schema.items, `${at}[]`, seen) : [`${at}: array without items`];
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
          else if (type.startsWith('application/json'))
            missing.push(...vague(media.schema, `${name} ${status}`, new Set()));
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
    expect(Object.keys(doc.paths['/api/organisation/{section}'].get.responses['200'].content ?? {})).toEqual([
      'text/csv',
    ]);
  });

  /** Where `value` does not fit `schema`: wrong type, null where not nullable, a required key missing, a key not declared. */
  function misfits(value: unknown, schema: Schema, at: string, out: string[] = []): string[] {
    if (schema.$ref) return misfits(value, resolve(schema), at, out);
    if (value === null) {
      if (!schema.nullable) out.push(`${at}: null`);
      return out;
    }
    if (schema.allOf) {
      for (const part of schema.allOf) misfits(value, part, at, out);
      return out;
    }
    if (schema.oneOf) {
      const fitting = schema.oneOf.filter((part) => misfits(value, part, at).length === 0).length;
      if (fitting !== 1) out.push(`${at}: fits ${fitting} of oneOf`);
      return out;
    }
    if (schema.enum && !schema.enum.includes(value)) out.push(`${at}: ${JSON.stringify(value)} not in enum`);
    const type = schema.type ?? (schema.properties ? 'object' : undefined);
    if (type === 'array') {
      if (!Array.isArray(value)) return [...out, `${at}: not an array`];
      // The first rows are enough to see a row's shape; the plan has thousands.
      value.slice(0, 25).forEach((item, k) => misfits(item, schema.items ?? {}, `${at}[${k}]`, out));
    } else if (type === 'object') {
      if (typeof value !== 'object' || Array.isArray(value)) return [...out, `${at}: not an object`];
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) if (record[key] === undefined) out.push(`${at}.${key}: missing`);
      for (const [key, item] of Object.entries(record)) {
        const declared =
          schema.properties?.[key] ??
          (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
        if (declared) misfits(item, declared, `${at}.${key}`, out);
        else out.push(`${at}.${key}: not in the schema`);
      }
    } else if (type === 'integer' ? !Number.isInteger(value) : type !== undefined && typeof value !== type) {
      out.push(`${at}: ${JSON.stringify(value)} is not ${type}`);
    }
    return out;
  }

  it('answers the read routes on the demo data, a preference change and a scenario, in the shape their schemas declare', async () => {
    const admin = t.auth({ role: 'admin' });
    const id = async (sql: string): Promise<string> => ((await t.db.query(sql)) as { id: string }[])[0].id;
    const officeId = await id(`SELECT id FROM office WHERE active ORDER BY code LIMIT 1`);
    const staffId = await id(`SELECT id FROM staff WHERE role = 'adviser' AND active ORDER BY employee_number LIMIT 1`);
    // A booking of its own, so the member's inbox and message list, and a message's delivery log, are not empty.
    const fixture = await slotFixture(t);
    const member = await reachableMember(t, fixture.office);
    await bookFollowUp(t, member, (await publishFollowUpSlot(t, fixture, 10)).id);
    const memberId = member.id;
    const messageId = (await messagesOf(t, memberId)).find((m) => m.channel === 'email')!.id;
    const reads: [template: string, path: string][] = [
      ['/api/departments', '/api/departments?includeInactive=true'],
      ['/api/offices', '/api/offices?near=56.1567,10.2108&radiusKm=80'],
      ['/api/offices/{id}', `/api/offices/${officeId}`],
      ['/api/offices/{id}/closures', `/api/offices/${officeId}/closures?year=2026`],
      ['/api/municipalities', '/api/municipalities'],
      ['/api/staff', '/api/staff'],
      ['/api/staff/{id}', `/api/staff/${staffId}`],
      ['/api/staff/{id}/absences', `/api/staff/${staffId}/absences`],
      ['/api/organisation', '/api/organisation'],
      ['/api/capacity/history', '/api/capacity/history'],
      ['/api/capacity/forecast', '/api/capacity/forecast?weeks=4'],
      ['/api/capacity/backtest', '/api/capacity/backtest'],
      ['/api/capacity/scenarios', '/api/capacity/scenarios'],
      ['/api/capacity/plan', '/api/capacity/plan?weeks=2'],
      ['/api/capacity/offices/{id}/expected-hours', `/api/capacity/offices/${officeId}/expected-hours?weeks=2`],
      ['/api/capacity/programme-shares', '/api/capacity/programme-shares'],
      ['/api/capacity/staff/{id}/programme-share', `/api/capacity/staff/${staffId}/programme-share`],
      ['/api/optimiser/runs', '/api/optimiser/runs'],
      ['/api/members/{memberId}/inbox', `/api/members/${memberId}/inbox`],
      ['/api/members/{memberId}/message-preferences', `/api/members/${memberId}/message-preferences`],
      ['/api/members/{memberId}/messages', `/api/members/${memberId}/messages`],
      ['/api/members/{memberId}/push-subscriptions', `/api/members/${memberId}/push-subscriptions`],
      ['/api/messages/dead-letters', '/api/messages/dead-letters'],
      ['/api/messages/{id}/deliveries', `/api/messages/${messageId}/deliveries`],
      ['/api/offices/{officeId}/message-kpis', `/api/offices/${officeId}/message-kpis?from=2026-01-01&to=2026-12-01`],
      ['/api/push/public-key', '/api/push/public-key'],
    ];
    const problems: string[] = [];
    for (const [template, path] of reads) {
      const response = await t.http.get(path).set(admin);
      if (response.status !== 200) {
        problems.push(`GET ${path}: ${response.status}`);
        continue;
      }
      const schema = doc.paths[template].get.responses['200'].content?.['application/json']?.schema ?? {};
      problems.push(...misfits(response.body, schema, `GET ${template}`));
    }
    const saved = await t.http
      .put(`/api/members/${memberId}/message-preferences`)
      .set(t.auth({ role: 'member', subjectId: memberId }))
      .send({ channels: ['email'], reminderHours: [24], language: 'en' });
    problems.push(
      ...misfits(
        saved.body,
        doc.paths['/api/members/{memberId}/message-preferences'].put.responses['200'].content?.['application/json']
          ?.schema ?? {},
        'PUT preferences',
      ),
    );
    const scenario = await t.http
      .post('/api/capacity/scenarios')
      .set(admin)
      .send({
        name: `response shape ${process.pid}`,
        adjustments: [{ fromWeek: '2027-W10', factor: 1.1, officeIds: [officeId] }],
      });
    problems.push(
      ...misfits(
        scenario.body,
        doc.paths['/api/capacity/scenarios'].post.responses['201'].content?.['application/json']?.schema ?? {},
        'POST scenario',
      ),
    );
    expect((await t.http.delete(`/api/capacity/scenarios/${scenario.body.id}`).set(admin)).status).toBe(204);
    const own = await t.http
      .get(`/api/staff/${fixture.adviser.id}/message-preferences`)
      .set(t.auth({ role: 'adviser', subjectId: fixture.adviser.id, departmentId: fixture.adviser.departmentId }));
    problems.push(
      ...misfits(
        own.body,
        doc.paths['/api/staff/{staffId}/message-preferences'].get.responses['200'].content?.['application/json']
          ?.schema ?? {},
        'GET staff preferences',
      ),
    );
    expect(problems).toEqual([]);
  });

  /** The 2xx JSON schema of one operation. */
  const schemaOf = (method: string, template: string, status = '200'): Schema =>
    doc.paths[template][method].responses[status].content?.['application/json']?.schema ?? {};

  it('answers an optimiser run, its proposal, unplaced page and apply, and an allocation, in their declared shapes (stored JSON included)', async () => {
    const office = await mainOffice(t, 'Kolding');
    // Netcafé members whose week-3 window is 2027-06-21 to 06-27 (a week no other test plans in).
    await createMembers(t, office, 5, { firstUnemploymentDay: '2027-06-07', targetGroup: 'it', basicItNeeds: true });
    const central = t.auth(CENTRAL);
    const problems: string[] = [];
    const check = (method: string, template: string, body: unknown, status = '200') =>
      problems.push(...misfits(body, schemaOf(method, template, status), `${method.toUpperCase()} ${template}`));

    const queued = await t.http
      .post('/api/optimiser/runs')
      .set(central)
      .send({ from: '2027-06-21', to: '2027-06-27', activityTypes: ['netcafe'], departmentIds: [office.departmentId] });
    expect(queued.status).toBe(202);
    check('post', '/api/optimiser/runs', queued.body, '202');
    const run = await waitFor(
      async () => {
        const response = await t.http.get(`/api/optimiser/runs/${queued.body.id}`).set(central);
        return ['done', 'failed', 'cancelled'].includes(response.body.status) ? response.body : undefined;
      },
      60_000,
      'the optimiser run',
    );
    expect(run.status).toBe('done');
    check('get', '/api/optimiser/runs/{id}', run);
    const proposal = await t.http.get(`/api/optimiser/runs/${run.id}/proposal`).set(central);
    check('get', '/api/optimiser/runs/{id}/proposal', proposal.body);
    const unplaced = await t.http.get(`/api/optimiser/runs/${run.id}/unplaced`).set(central);
    check('get', '/api/optimiser/runs/{id}/unplaced', unplaced.body);
    const csv = await t.http.get(`/api/optimiser/runs/${run.id}/unplaced`).set(central).set('Accept', 'text/csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const applied = await t.http.post(`/api/optimiser/runs/${run.id}/apply`).set(central);
    expect(applied.status).toBe(200);
    check('post', '/api/optimiser/runs/{id}/apply', applied.body);
    check('get', '/api/optimiser/runs/{id}', (await t.http.get(`/api/optimiser/runs/${run.id}`).set(central)).body);
    check('get', '/api/optimiser/runs', (await t.http.get('/api/optimiser/runs?limit=5').set(central)).body);

    // Not accepted: an accepted allocation would change the leaders other files' optimiser runs may use.
    const allocation = await t.http
      .post('/api/capacity/allocations')
      .set(central)
      .send({ from: '2027-06-07', weeks: 1 });
    expect(allocation.status).toBe(202);
    check('post', '/api/capacity/allocations', allocation.body, '202');
    const done = await waitFor(
      async () => {
        const response = await t.http.get(`/api/capacity/allocations/${allocation.body.id}`).set(central);
        return ['done', 'failed'].includes(response.body.status) ? response.body : undefined;
      },
      90_000,
      'the allocation',
    );
    expect(done.result).toBeDefined();
    check('get', '/api/capacity/allocations/{id}', done);
    expect(problems).toEqual([]);
  }, 180_000);
});
