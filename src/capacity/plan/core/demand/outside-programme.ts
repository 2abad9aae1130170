import type { DemandActivity, DemandRow } from './project-demand.js';

/**
 * A fund-wide weekly count spread over the offices in proportion to each week's expected inflow (equally while no
 * office has any).
 */
export function spreadByInflow(
  perWeek: number,
  inflowByOffice: ReadonlyMap<string, readonly number[]>,
  weeks: number,
): Map<string, number[]> {
  const spread = new Map<string, number[]>();
  const offices = [...inflowByOffice.keys()];
  for (const officeId of offices) spread.set(officeId, new Array<number>(weeks).fill(0));
  for (let w = 0; w < weeks; w++) {
    const total = offices.reduce((sum, id) => sum + (inflowByOffice.get(id)![w] ?? 0), 0);
    for (const officeId of offices)
      spread.get(officeId)![w] =
        total > 0 ? (perWeek * (inflowByOffice.get(officeId)![w] ?? 0)) / total : perWeek / offices.length;
  }
  return spread;
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Demand rows of individual meetings outside the programme templates (JobStarter and SnartUdlært before unemployment,
 * red-smiley summonses): expected meetings per office and week at the activity's default duration.
 */
export function outsideProgrammeRows(
  weeks: readonly string[],
  activity: DemandActivity,
  meetingsByOffice: ReadonlyMap<string, readonly number[]>,
): DemandRow[] {
  const rows: DemandRow[] = [];
  for (const [officeId, meetings] of meetingsByOffice) {
    weeks.forEach((week, w) =>
      rows.push({
        officeId,
        week,
        activity: activity.code,
        kind: 'individual',
        role: activity.leaderRoles[0],
        skill: activity.leaderSkill,
        participants: round(meetings[w] ?? 0),
        hours: round((meetings[w] ?? 0) * (activity.defaultDurationMinutes / 60), 2),
      }),
    );
  }
  return rows;
}
