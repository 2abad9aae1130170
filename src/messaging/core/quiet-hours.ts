import { TZDate } from '@date-fns/tz';
import { FUND_TIMEZONE } from './render.js';

export const QUIET_FROM_HOUR = 21;
export const QUIET_TO_HOUR = 8;

/**
 * When a push or SMS decided at `now` may go out: at once outside 21:00–08:00 Copenhagen time, else at the
 * next 08:00 — unless the appointment it is about starts before then (a 07:30 change must reach the member).
 */
export function quietHoursRelease(now: Date, appointmentStart?: Date): Date {
  const local = new TZDate(now.getTime(), FUND_TIMEZONE);
  const hour = local.getHours();
  if (hour >= QUIET_TO_HOUR && hour < QUIET_FROM_HOUR) return now;
  const day = hour >= QUIET_FROM_HOUR ? local.getDate() + 1 : local.getDate();
  // The constructor in the zone keeps 08:00 on the wall clock on either side of a clock change.
  const release = new Date(
    new TZDate(local.getFullYear(), local.getMonth(), day, QUIET_TO_HOUR, 0, 0, 0, FUND_TIMEZONE).getTime(),
  );
  if (appointmentStart && appointmentStart.getTime() < release.getTime() && appointmentStart.getTime() > now.getTime())
    return now;
  return release;
}
