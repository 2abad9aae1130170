import { projectProgrammeWeeks } from '../../../forecast/core/cohort.js';
import type { TargetGroup } from '../../../../shared/vocabulary/target-groups.js';
import { sessionsOverWeeks } from './group-sessions.js';

export interface DemandActivity {
  code: string;
  kind: 'individual' | 'group';
  defaultDurationMinutes: number;
  minGroupSize: number | null;
  maxGroupSize: number | null;
  leaderRoles: readonly string[];
  leaderSkill: string | null;
}

export interface DemandTemplateItem {
  activityCode: string;
  required: boolean;
  fromWeek: number;
  toWeek: number;
  condition: string | null;
}

export interface OfficeDemandInput {
  officeId: string;
  /** Expected new members per projected week (lead weeks first, then the planning weeks). */
  inflow: readonly number[];
  /** Share of new members per target group (sums to 1). */
  mix: Readonly<Partial<Record<TargetGroup, number>>>;
  /** Members per programme week (index 0 = week 1) in the week before the first projected week, per target group. */
  initial?: Readonly<Partial<Record<TargetGroup, readonly number[]>>>;
  /**
   * Of those initial members, how many per programme week have already done (or missed, or been excused) the item
   * of an activity, per target group and activity: they need it no more.
   */
  initialDone?: Readonly<Partial<Record<TargetGroup, Readonly<Record<string, readonly number[]>>>>>;
}

/** Work that goes on for members past the programme's last template week: one `activityCode` every `everyWeeks` weeks. */
export interface AfterProgrammeItem {
  activityCode: string;
  everyWeeks: number;
}

export interface DemandInput {
  /** Week keys of the planning window. */
  weeks: readonly string[];
  /** Projected weeks before the planning window (between the last history week and `weeks[0]`). */
  leadWeeks: number;
  offices: readonly OfficeDemandInput[];
  templates: ReadonlyMap<TargetGroup, readonly DemandTemplateItem[]>;
  activities: ReadonlyMap<string, DemandActivity>;
  weeklyExitHazard: number;
  basicItNeedsShare: number;
  optionalUptake: number;
  /** The intensive course after the last template week (members still unemployed then). */
  afterProgramme?: readonly AfterProgrammeItem[];
}

export interface DemandRow {
  officeId: string;
  week: string;
  activity: string;
  kind: 'individual' | 'group';
  role: string;
  skill: string | null;
  /** Expected members doing the activity this week (seats for group activities). */
  participants: number;
  /** Staff hours: meeting hours for individual activities, leader hours of the sessions for group ones. */
  hours: number;
  sessions?: number;
  /** Group seats still waiting at the end of the week for a session to reach its minimum. */
  waitingSeats?: number;
}

/** Programme weeks the cohort model tracks: one past the last template week, which collects everyone still unemployed. */
export function programmeWeeksOf(templates: ReadonlyMap<TargetGroup, readonly DemandTemplateItem[]>): number {
  let last = 1;
  for (const items of templates.values()) for (const item of items) last = Math.max(last, item.toWeek);
  return last + 1;
}

/**
 * `projectProgrammeWeeks(…).members` for a constant hazard, as one array (calendar week t's programme week k + 1 at
 * `t * weeksInProgramme + k`), of its first `columns` programme weeks only when those leave out the last (open-ended)
 * one: the same arithmetic in the same order, so the same numbers, and the same errors, without the stock and exits
 * demand does not read. It runs for every office and target group, and again for every item that members already did
 * (with that item's weeks).
 */
export function projectMembers(
  inflowByWeek: readonly number[],
  weeksInProgramme: number,
  hazard: number,
  initial?: readonly number[],
  columns = weeksInProgramme,
): Float64Array {
  const valid =
    Number.isInteger(weeksInProgramme) &&
    weeksInProgramme >= 1 &&
    Number.isFinite(hazard) &&
    hazard >= 0 &&
    hazard <= 1 &&
    (!initial || initial.length === weeksInProgramme) &&
    inflowByWeek.every((inflow) => Number.isFinite(inflow) && inflow >= 0);
  if (!valid) {
    // Refused there, with its error.
    const { members } = projectProgrammeWeeks(inflowByWeek, weeksInProgramme, hazard, initial);
    return Float64Array.from(members.flat());
  }
  const width = weeksInProgramme;
  const last = width - 1;
  // Programme weeks before the last depend only on earlier ones; the last adds up everyone still there.
  const computed = columns < width ? Math.max(columns, 0) : width;
  // The week before the first, then the weeks projected.
  const weeks = new Float64Array((inflowByWeek.length + 1) * width);
  if (initial) weeks.set(initial);
  for (let t = 0, at = width; t < inflowByWeek.length; t++, at += width) {
    weeks[at] = inflowByWeek[t];
    for (let k = 0; k < computed; k++) {
      const to = Math.min(k + 1, last);
      if (to < computed) weeks[at + to] += weeks[at - width + k] * (1 - hazard);
    }
  }
  return weeks.subarray(width);
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Demand per office × week × activity. Each target group's inflow runs through the cohort model (exits to work at a
 * constant weekly hazard), and every template item is spread evenly over its week window: a member in one of its
 * weeks does it that week with probability 1 / window length, times the condition and optional-uptake shares.
 * Individual activities cost participants × default duration; group activities open sessions by `sessionsOverWeeks`
 * and cost one leader per session.
 */
export function projectDemand(input: DemandInput): DemandRow[] {
  const programmeWeeks = programmeWeeksOf(input.templates);
  const projected = input.leadWeeks + input.weeks.length;
  const rows: DemandRow[] = [];
  for (const office of input.offices) {
    if (office.inflow.length !== projected) {
      throw new Error(`Office ${office.officeId} has ${office.inflow.length} inflow weeks, expected ${projected}`);
    }
    const participants = new Map<string, number[]>();
    for (const [group, items] of input.templates) {
      const share = office.mix[group] ?? 0;
      const initial = office.initial?.[group];
      if (share === 0 && !initial?.some((v) => v > 0)) continue;
      const members = projectMembers(
        office.inflow.map((v) => v * share),
        programmeWeeks,
        input.weeklyExitHazard,
        initial ? Array.from({ length: programmeWeeks }, (_, k) => initial[k] ?? 0) : undefined,
      );
      const series = (code: string) => participants.get(code) ?? new Array<number>(input.weeks.length).fill(0);
      for (const item of items) {
        const uptake = (item.condition ? input.basicItNeedsShare : 1) * (item.required ? 1 : input.optionalUptake);
        const perWeek = uptake / (item.toWeek - item.fromWeek + 1);
        // The cohort model is linear in its start, so members who already did the item are projected on their own
        // and taken out again.
        const done = office.initialDone?.[group]?.[item.activityCode];
        const doneMembers = done?.some((v) => v > 0)
          ? projectMembers(
              new Array<number>(office.inflow.length).fill(0),
              programmeWeeks,
              input.weeklyExitHazard,
              Array.from({ length: programmeWeeks }, (_, k) => done[k] ?? 0),
              Math.min(item.toWeek, programmeWeeks),
            )
          : undefined;
        const values = series(item.activityCode);
        input.weeks.forEach((_, w) => {
          const row = (input.leadWeeks + w) * programmeWeeks;
          for (let p = item.fromWeek; p <= item.toWeek; p++) {
            const k = Math.min(p, programmeWeeks) - 1;
            values[w] += Math.max(0, members[row + k] - (doneMembers?.[row + k] ?? 0)) * perWeek;
          }
        });
        participants.set(item.activityCode, values);
      }
      for (const after of input.afterProgramme ?? []) {
        const values = series(after.activityCode);
        input.weeks.forEach(
          (_, w) => (values[w] += members[(input.leadWeeks + w + 1) * programmeWeeks - 1] / after.everyWeeks),
        );
        participants.set(after.activityCode, values);
      }
    }
    for (const [code, series] of participants) {
      const activity = input.activities.get(code);
      if (!activity) throw new Error(`Unknown activity ${code} in a programme template`);
      const hoursEach = activity.defaultDurationMinutes / 60;
      const { officeId } = office;
      const { kind, leaderSkill: skill } = activity;
      const role = activity.leaderRoles[0];
      // Object literals, not spreads of a shared base: at scale 9 this makes about 180,000 rows for 26 weeks.
      if (kind === 'individual') {
        series.forEach((value, w) =>
          rows.push({
            officeId,
            activity: code,
            kind,
            role,
            skill,
            week: input.weeks[w],
            participants: round(value),
            hours: round(value * hoursEach, 2),
          }),
        );
      } else {
        const plans = sessionsOverWeeks(
          series,
          activity.minGroupSize ?? 1,
          activity.maxGroupSize ?? Number.POSITIVE_INFINITY,
        );
        plans.forEach((plan, w) =>
          rows.push({
            officeId,
            activity: code,
            kind,
            role,
            skill,
            week: input.weeks[w],
            participants: round(series[w]),
            hours: round(plan.sessions * hoursEach, 2),
            sessions: plan.sessions,
            waitingSeats: round(plan.carried),
          }),
        );
      }
    }
  }
  return rows;
}
