import { addDays, localInstant } from '../../shared/time/index.js';

export interface KpiMonth {
  month: string;
  firstDay: string;
  lastDay: string;
  /** Local midnight at the start of the first day, Europe/Copenhagen. */
  start: Date;
  /** Local midnight after the last day (exclusive). */
  end: Date;
}

/** A Europe/Copenhagen calendar month ('2026-03') as local dates and the instants that bound it. */
export function kpiMonth(month: string): KpiMonth {
  const [year, monthNumber] = month.split('-').map(Number);
  const firstDay = `${month}-01`;
  const next = monthNumber === 12 ? `${year + 1}-01-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}-01`;
  return {
    month,
    firstDay,
    lastDay: addDays(next, -1),
    start: localInstant(firstDay, '00:00'),
    end: localInstant(next, '00:00'),
  };
}
