import { ALL_ERROR_CODES, ERROR_CATALOGUE } from '../../src/error-codes.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('error catalogue over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('publishes every catalogued code in OpenAPI as the ErrorResponse code enum, and every operation answers it', async () => {
    const { body } = await t.http.get('/docs/openapi.json');
    const schema = body.components.schemas.ErrorResponse;
    expect(schema.properties.code.enum).toEqual(ALL_ERROR_CODES);
    expect(schema.properties.code.enum).toContain('SLOT_TAKEN');
    const operations = Object.values(
      body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>,
    ).flatMap((path) => Object.values(path));
    expect(operations.length).toBeGreaterThan(10);
    for (const operation of operations)
      expect(operation.responses.default).toEqual(
        expect.objectContaining({
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
        }),
      );
  });

  it('answers with the status the catalogue gives the code', async () => {
    const response = await t.http
      .get('/api/offices/00000000-0000-4000-8000-000000000000')
      .set(t.auth({ role: 'admin' }));
    expect(response.body.code).toBe('NOT_FOUND');
    expect(response.status).toBe(ERROR_CATALOGUE.NOT_FOUND.status);
  });
});
