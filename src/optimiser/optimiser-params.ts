import { createHash } from 'node:crypto';
import { addDays, localInstant } from '../shared/time/index.js';
import type { Interval } from './core/types.js';
import type { OptimiserRunParams } from './optimiser-runs.repository.js';

export const MAX_HORIZON_DAYS = 182;
/** The nightly run plans the next 13 weeks. */
export const NIGHTLY_DAYS = 91;

function localMidnight(date: string): number {
  return localInstant(date, '00:00').getTime();
}

/** [local midnight of `from`, local midnight after `to`) in Copenhagen. */
export function horizonOf(params: Pick<OptimiserRunParams, 'from' | 'to'>): Interval {
  return { start: localMidnight(params.from), end: localMidnight(addDays(params.to, 1)) };
}

/**
 * The planning scope's identity: the time limit is left out, because it changes how long the solve
 * may take, not what is planned; a request differing only in it joins the run in flight.
 */
export function paramsHash(params: OptimiserRunParams): string {
  // withdrawSlots only when false, so the default keeps the hash runs stored before it had.
  const scope = {
    from: params.from,
    to: params.to,
    activityTypes: params.activityTypes,
    departmentIds: params.departmentIds,
    maxTravelKm: params.maxTravelKm,
    ...(params.withdrawSlots === false ? { withdrawSlots: false } : {}),
  };
  return createHash('sha256').update(JSON.stringify(scope)).digest('hex');
}

/** BullMQ job ids may not contain ':'; one job per run, so a re-enqueued run (reconciler) reuses its id. */
export function jobIdOf(runId: string): string {
  return `optimiser-run-${runId}`;
}
