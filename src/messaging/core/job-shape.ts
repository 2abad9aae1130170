import type { ExternalChannel } from './message-types.js';

/** Messages per delivery job at most: one claim statement, and a batch a killed worker leaves to take over. */
export const MAX_BATCH = 50;
/** Sends in flight within one job (the pooled SMTP transport queues what its connections cannot take yet). */
export const SENDS_IN_FLIGHT = 20;
/** Results written per statement: a killed worker leaves at most this many sent messages unrecorded per job, plus those in flight. */
export const RESULTS_PER_STATEMENT = 10;
/** Rows a job has claimed (`sending`) for this long without a result are a dead worker's: a retry of the job takes them over. */
export const STALE_CLAIM_MS = 15_000;

export interface JobShape {
  /** Messages per job. */
  batchSize: number;
  /** BullMQ's limiter for the channel's queue: at most `max` jobs per `duration` ms. */
  limiter: { max: number; duration: number };
}

/**
 * A channel's rate limit is in messages per second, but BullMQ limits jobs: a job carries at most
 * `perSecond` messages (so one job never exceeds a second's quota) and the queue starts at most
 * floor(perSecond / batchSize) jobs a second, which never exceeds the limit (it rounds down).
 */
export function jobShape(perSecond: number): JobShape {
  const rate = Math.max(1, Math.floor(perSecond));
  const batchSize = Math.min(MAX_BATCH, rate);
  return { batchSize, limiter: { max: Math.max(1, Math.floor(rate / batchSize)), duration: 1000 } };
}

export function jobShapes(perSecond: Record<ExternalChannel, number>): Record<ExternalChannel, JobShape> {
  return { email: jobShape(perSecond.email), sms: jobShape(perSecond.sms), push: jobShape(perSecond.push) };
}

/** Backoff before a failed message's next attempt: `baseMs` after the first, doubling after each further one. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return baseMs * 2 ** Math.max(0, attempts - 1);
}
