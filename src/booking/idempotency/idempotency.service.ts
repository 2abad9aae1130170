import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal.js';
import { badRequest, conflict, DomainError, unprocessable } from '../../common/errors/domain-error.js';
import { queryOne } from '../../common/database/queryable.js';

export interface IdempotentResult {
  statusCode: number;
  body: unknown;
  replayed: boolean;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Idempotency keys as in the IETF draft: the same key and body replays the stored response; the same
 * key with another body is 422; the same key while the first request is still running is 409. A
 * server fault forgets the key so the client can retry. Keys are scoped to the caller.
 */
@Injectable()
export class IdempotencyService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async run(principal: Principal, key: string | undefined, fingerprint: unknown, work: () => Promise<{ statusCode: number; body: unknown }>): Promise<IdempotentResult> {
    if (key === undefined) return { ...(await work()), replayed: false };
    if (!KEY_PATTERN.test(key)) throw badRequest('INVALID_IDEMPOTENCY_KEY', 'The Idempotency-Key header must be 1–255 visible ASCII characters.');
    const owner = `${principal.role}:${principal.subjectId ?? ''}`;
    const hash = createHash('sha256').update(canonical(fingerprint)).digest('hex');
    const claimed = await queryOne(this.dataSource, `INSERT INTO idempotency_key (principal, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`, [owner, key, hash]);
    if (!claimed) return this.replay(owner, key, hash);
    try {
      const result = await work();
      await this.store(owner, key, result.statusCode, result.body);
      return { ...result, replayed: false };
    } catch (error) {
      if (error instanceof DomainError && error.statusCode < 500) {
        await this.store(owner, key, error.statusCode, { statusCode: error.statusCode, code: error.code, message: error.message, details: error.details });
      } else {
        await this.dataSource.query(`DELETE FROM idempotency_key WHERE principal = $1 AND key = $2`, [owner, key]).catch(() => undefined);
      }
      throw error;
    }
  }

  private async store(owner: string, key: string, statusCode: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_key SET status = 'done', response_status = $3, response_body = $4 WHERE principal = $1 AND key = $2`,
      [owner, key, statusCode, JSON.stringify(body)],
    );
  }

  private async replay(owner: string, key: string, hash: string): Promise<IdempotentResult> {
    const stored = await queryOne<{ requestHash: string; status: string; responseStatus: number | null; responseBody: unknown }>(
      this.dataSource,
      `SELECT request_hash AS "requestHash", status, response_status AS "responseStatus", response_body AS "responseBody"
       FROM idempotency_key WHERE principal = $1 AND key = $2`,
      [owner, key],
    );
    if (!stored) throw conflict('IDEMPOTENCY_IN_FLIGHT', 'A request with this Idempotency-Key is being processed. Try again shortly.');
    if (stored.requestHash !== hash) {
      throw unprocessable('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request.');
    }
    if (stored.status !== 'done') throw conflict('IDEMPOTENCY_IN_FLIGHT', 'A request with this Idempotency-Key is still being processed.');
    const body = stored.responseBody as { code?: string; message?: string; details?: unknown };
    if (stored.responseStatus! >= 400) throw new DomainError(stored.responseStatus!, body.code ?? 'ERROR', body.message ?? '', body.details);
    return { statusCode: stored.responseStatus!, body: stored.responseBody, replayed: true };
  }
}
