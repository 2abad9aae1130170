import { exitHazardForMeanSpell } from '../../../forecast/core/cohort.js';

/**
 * Stock / inflow × 52: the fund's ~1,700 unemployed at any time over ~3,400 new members a year gives a mean spell
 * of 26 weeks, i.e. a weekly exit hazard of 1/26.
 */
export const MEAN_SPELL_WEEKS = (1700 / 3400) * 52;
export const WEEKLY_EXIT_HAZARD = exitHazardForMeanSpell(MEAN_SPELL_WEEKS);

/** Interpretation: the share of members with basic IT needs (the netcafé's condition) — the fund gives no figure for it. */
export const BASIC_IT_NEEDS_SHARE = 0.3;

/** Interpretation: the share of members who take an optional item ("LinkedIn as needed"). */
export const OPTIONAL_ITEM_UPTAKE = 0.5;

/** Weight of the fund's target-group mix when smoothing one office's mix (in members): thin offices borrow from the fund. */
export const MIX_PRIOR_MEMBERS = 20;

/**
 * Interpretation: after week 13 the fund still runs an intensive course for members who are still unemployed; modelled
 * as a job follow-up meeting (`follow-up`) every 4 weeks for everyone past the last template week.
 */
export const INTENSIVE_COURSE = [{ activityCode: 'follow-up', everyWeeks: 4 }] as const;

/** The fund's target: at least 260 JobStarter meetings a year (spread over the offices in proportion to their inflow). */
export const JOBSTARTER_MEETINGS_PER_YEAR = 260;

/**
 * Interpretation: SnartUdlært meetings a year when the last year's bookings show fewer — the fund gives no figure;
 * half the JobStarter target.
 */
export const SNART_UDLAERT_MEETINGS_PER_YEAR = 130;

/** Red-smiley summonses are projected at each office's rate over this many past weeks. */
export const SUMMONS_RATE_WEEKS = 13;
