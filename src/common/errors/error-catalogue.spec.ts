import { ALL_ERROR_CODES, ERROR_CATALOGUE, MODULE_ERRORS } from '../../error-codes.js';
import { conflict, DomainError, notFound, unprocessable } from './domain-error.js';
import { ErrorRegistry, errorRegistry, provideErrors } from './error-catalogue.js';
import { domainErrorFromPostgres } from './postgres-errors.js';

describe('error catalogues', () => {
  it('every code has a 4xx or 5xx status and a message', () => {
    for (const code of ALL_ERROR_CODES) {
      const { status, message } = ERROR_CATALOGUE[code];
      expect({ code, ok: status >= 400 && status <= 599 && message.length > 0 }).toEqual({ code, ok: true });
    }
  });

  it('each code belongs to exactly one module', () => {
    const owners = new Map<string, string[]>();
    for (const [module, { errors }] of Object.entries(MODULE_ERRORS)) {
      for (const code of Object.keys(errors)) owners.set(code, [...(owners.get(code) ?? []), module]);
    }
    expect([...owners].filter(([, modules]) => modules.length > 1)).toEqual([]);
    expect(owners.size).toBe(ALL_ERROR_CODES.length);
  });

  it('every constraint maps to a catalogued code', () => {
    for (const { constraints } of Object.values(MODULE_ERRORS)) {
      for (const [name, { code }] of Object.entries(constraints as Record<string, { code: string }>))
        expect({ name, known: code in ERROR_CATALOGUE }).toEqual({ name, known: true });
    }
  });

  it('a domain error carries its code only; its status is looked up in the registered catalogue', () => {
    expect(Object.keys(new DomainError('NOT_FOUND', 'x'))).not.toContain('statusCode');
    expect(notFound('office', 'o1').statusCode).toBe(404);
    expect(new DomainError('VALIDATION_FAILED', 'x').statusCode).toBe(400);
    expect(conflict('CONCURRENT_UPDATE', 'x').statusCode).toBe(409);
    expect(unprocessable('REFERENCE_NOT_FOUND', 'x').statusCode).toBe(422);
  });

  it('a module catalogue and its constraints are registered by its provider, not by importing it', () => {
    const violation = { code: '23505', constraint: 'uq_booking_slot_live' };
    const before = domainErrorFromPostgres(violation);
    expect(before?.code).toBe('DUPLICATE');
    const provider = provideErrors('booking', MODULE_ERRORS.booking.errors, MODULE_ERRORS.booking.constraints);
    provider.useFactory();
    const after = domainErrorFromPostgres(violation);
    expect(after).toMatchObject({ code: 'SLOT_TAKEN', statusCode: 409 });
    expect(errorRegistry.spec('SLOT_TAKEN')?.status).toBe(409);
  });

  it('refuses one code with two statuses, and a constraint mapped to an unknown code', () => {
    const registry = new ErrorRegistry();
    registry.register({ A: { status: 409, message: 'a' } });
    expect(() => registry.register({ A: { status: 422, message: 'a' } })).toThrow(/two statuses/);
    expect(() => registry.register({}, { ck_x: { code: 'B', message: 'b' } })).toThrow(/no catalogue/);
    registry.register({}, { ck_x: { code: 'A', message: 'x' } });
    expect(registry.constraint('ck_x')).toEqual({ code: 'A', message: 'x' });
  });
});
