import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { DomainError } from '../errors/domain-error.js';
import { REDIS_CLIENT } from '../queue/queue.module.js';
import type { Principal } from './principal.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const WINDOW_SECONDS = 60;

/**
 * Limits writes per caller per minute with a counter in Redis, so the limit holds across every API
 * process. Reads (including calendar polling) are not limited here. If Redis is down the write is let
 * through: losing the rate limit for a moment is better than refusing all changes.
 */
@Injectable()
export class WriteRateLimitGuard implements CanActivate {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ method: string; ip?: string; principal?: Principal }>();
    if (READ_METHODS.has(request.method)) return true;
    const caller = request.principal?.subjectId
      ? `${request.principal.role}:${request.principal.subjectId}`
      : `ip:${request.ip ?? 'unknown'}`;
    const window = Math.floor(Date.now() / 1000 / WINDOW_SECONDS);
    const key = `ratelimit:writes:${caller}:${window}`;
    let count: number;
    try {
      const [[, incremented]] = (await this.redis
        .multi()
        .incr(key)
        .expire(key, WINDOW_SECONDS * 2)
        .exec()) as [[Error | null, number]];
      count = incremented;
    } catch {
      return true;
    }
    if (count > this.config.writeRateLimitPerMinute) {
      const retryAfter = WINDOW_SECONDS - (Math.floor(Date.now() / 1000) % WINDOW_SECONDS);
      context
        .switchToHttp()
        .getResponse<{ setHeader(name: string, value: string): void }>()
        .setHeader('Retry-After', String(retryAfter));
      throw new DomainError('RATE_LIMITED', `Too many changes in a short time. Try again in ${retryAfter} seconds.`);
    }
    return true;
  }
}
