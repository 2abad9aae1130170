import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal.js';
import { badRequest, conflict, DomainError, unprocessable } from '../../common/errors/domain-error.js';
import type { ErrorCode } from '../../error-codes.js';
import { IdempotencyRepository, type StoredResponse } from './idempotency.repository.js';
import { savepoint } from '../../common/database/savepoint.js';

export interface IdempotentResult {
  statusCode: number;
  body: unknown;
  replayed: boolean;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Rows in flight are written only by versions of this service that claimed a key in its own
 * transaction; a crash between claim and response left them behind for good. Older than this, such a
 * claim is abandoned and the key free again (no request runs this long: statements stop at 30 s).
 */
const ABANDONED_CLAIM_AFTER = '2 minutes';

/** Failures a retry may cure: stored, they would be replayed forever. */
const TRANSIENT_CODES = new Set(['CONCURRENT_UPDATE', 'IDEMPOTENCY_IN_FLIGHT']);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** A signed 64-bit advisory-lock key for one caller's key (collisions only cost a retryable 409). */
function lockKey(owner: string, key: string): string {
  return createHash('sha256').update(`idempotency\0${owner}\0${key}`).digest().readBigInt64BE(0).toString();
}

/**
 * Idempotency keys as in the IETF draft: the same key and body replays the stored response; the same
 * key with another body is 422; the same key while the first request is still running is 409. Keys are
 * scoped to the caller.
 *
 * The claim, the work and the stored response commit in one transaction: a transaction-level advisory
 * lock is the claim (a concurrent duplicate fails to take it: 409), the work runs in that transaction,
 * and the response row is written before COMMIT. So a database blip anywhere before the commit leaves
 * neither a booking nor a key (the retry books), and after it both (the retry replays the 201); nothing
 * is ever left "in flight". A client error (4xx) rolls back the work to a savepoint and is stored too.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(IdempotencyRepository) private readonly repository: IdempotencyRepository,
  ) {}

  async run(
    principal: Principal,
    key: string | undefined,
    fingerprint: unknown,
    work: (tx: EntityManager) => Promise<{ statusCode: number; body: unknown }>,
  ): Promise<IdempotentResult> {
    if (key === undefined) return { ...(await this.dataSource.transaction(work)), replayed: false };
    if (!KEY_PATTERN.test(key))
      throw badRequest('INVALID_IDEMPOTENCY_KEY', 'The Idempotency-Key header must be 1–255 visible ASCII characters.');
    const owner = `${principal.role}:${principal.subjectId ?? ''}`;
    const hash = createHash('sha256').update(canonical(fingerprint)).digest('hex');
    let clientError: DomainError | undefined;
    const result = await this.dataSource.transaction(async (tx): Promise<IdempotentResult> => {
      if (!(await this.repository.tryClaim(lockKey(owner, key), tx))) throw inFlight();
      const stored = await this.storedResponse(owner, key, tx);
      if (stored) return replay(stored, hash);
      const workDone = await savepoint(tx, 'idempotent_work');
      let outcome: { statusCode: number; body: unknown };
      try {
        outcome = await work(tx);
        await workDone.release();
      } catch (error) {
        if (!(error instanceof DomainError) || error.statusCode >= 500 || TRANSIENT_CODES.has(error.code)) throw error;
        await workDone.rollback();
        clientError = error;
        outcome = {
          statusCode: error.statusCode,
          body: { statusCode: error.statusCode, code: error.code, message: error.message, details: error.details },
        };
      }
      await this.store(owner, key, hash, outcome, tx);
      return { ...outcome, replayed: false };
    });
    if (clientError) throw clientError;
    return result;
  }

  /** The committed response for the key; an abandoned claim of an older version is removed, a live one is 409. */
  private async storedResponse(owner: string, key: string, tx: EntityManager): Promise<StoredResponse | undefined> {
    const stored = await this.repository.find(owner, key, ABANDONED_CLAIM_AFTER, tx);
    if (!stored || stored.status === 'done') return stored;
    if (!stored.abandoned) throw inFlight();
    await this.repository.deleteInFlight(owner, key, tx);
    return undefined;
  }

  private async store(
    owner: string,
    key: string,
    hash: string,
    outcome: { statusCode: number; body: unknown },
    tx: EntityManager,
  ): Promise<void> {
    // An older version's process (during a rolling deploy) may claim the key without the advisory lock.
    const stored = await this.repository.insertDone(
      { principal: owner, key, requestHash: hash, responseStatus: outcome.statusCode, responseBody: outcome.body },
      tx,
    );
    if (!stored) throw inFlight();
  }
}

function inFlight(): DomainError {
  return conflict(
    'IDEMPOTENCY_IN_FLIGHT',
    'A request with this Idempotency-Key is still being processed. Try again shortly.',
  );
}

function replay(stored: StoredResponse, hash: string): IdempotentResult {
  if (stored.requestHash !== hash)
    throw unprocessable('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request.');
  const body = stored.responseBody as { code?: string; message?: string; details?: unknown };
  if (stored.responseStatus! >= 400)
    throw new DomainError((body.code ?? 'INTERNAL_ERROR') as ErrorCode, body.message ?? '', body.details);
  return { statusCode: stored.responseStatus!, body: stored.responseBody, replayed: true };
}
