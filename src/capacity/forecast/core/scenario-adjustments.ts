import { mondayOf, mondayOfWeekKey } from '../../../shared/time/index.js';

export interface ScenarioAdjustment {
  /** ISO week 'YYYY-Www' the change starts (or use fromDate). */
  fromWeek?: string;
  fromDate?: string;
  /** Last day the change applies (inclusive); open-ended when absent. */
  toDate?: string;
  departmentIds?: string[];
  officeIds?: string[];
  /** Multiplies the inflow forecast, e.g. 1.2 for +20 %. */
  factor: number;
}

export interface OfficeRef {
  id: string;
  departmentId: string;
}

/** First Monday the adjustment applies to: the week of its start date (a change mid-week counts for that week). */
function startMonday(adjustment: ScenarioAdjustment): string {
  if (adjustment.fromWeek) return mondayOfWeekKey(adjustment.fromWeek);
  if (adjustment.fromDate) return mondayOf(adjustment.fromDate);
  return '0000-01-01';
}

/**
 * The inflow factor for one office in the week starting `monday`: the product of every adjustment that covers both.
 * Adjustments multiply, so "+20 % in Aarhus" and "+10 % everywhere" give 1.32 in Aarhus.
 */
export function inflowFactor(adjustments: readonly ScenarioAdjustment[], office: OfficeRef, monday: string): number {
  let factor = 1;
  for (const adjustment of adjustments) {
    if (monday < startMonday(adjustment)) continue;
    if (adjustment.toDate && monday > adjustment.toDate) continue;
    const scoped = adjustment.departmentIds !== undefined || adjustment.officeIds !== undefined;
    const inScope =
      (adjustment.departmentIds ?? []).includes(office.departmentId) ||
      (adjustment.officeIds ?? []).includes(office.id);
    if (scoped && !inScope) continue;
    factor *= adjustment.factor;
  }
  return factor;
}
