import { addIsoWeeks, isoWeekOf, isoWeekStart } from '../shared/time/iso-week.js';
import { generateWeeklyInflow, mulberry32, samplePoisson } from '../capacity/forecast/core/synthetic.js';
import { TARGET_GROUPS, type TargetGroup } from '../shared/vocabulary/target-groups.js';

/** Share of new members per target group (interpretation): most are low risk, the rest spread over the six strengthened programmes. */
export const TARGET_GROUP_MIX: Record<TargetGroup, number> = {
  'low-risk': 0.62,
  plus50: 0.1,
  'plus50-it': 0.03,
  it: 0.06,
  'newly-graduated': 0.1,
  'newly-graduated-it': 0.03,
  'other-at-risk': 0.06,
};

export interface HistoryRow {
  officeCode: string;
  weekStart: string;
  targetGroup: TargetGroup;
  newMembers: number;
}

/** New members a year in the whole fund: 3,200–3,600, as the fund reports. */
export const DEMO_YEARLY_INFLOW = 3400;

/**
 * Three years of weekly inflow per office and target group, ending with the last full ISO week
 * before `today`. Office totals follow the seasonal generator; each week's total is split over
 * target groups by independent Poisson draws around the mix, so groups are noisy but sum sensibly.
 */
export function buildDemoHistory(
  seed: number,
  offices: readonly { code: string; weight: number }[],
  today: Date,
  weeks = 156,
  yearlyTotal = DEMO_YEARLY_INFLOW,
): HistoryRow[] {
  const lastWeek = addIsoWeeks(isoWeekOf(today), -1);
  const firstWeek = addIsoWeeks(lastWeek, -(weeks - 1));
  const inflow = generateWeeklyInflow({
    seed,
    weeks,
    startIsoWeek: firstWeek,
    yearlyTotal,
    offices: offices.map((office) => ({ id: office.code, weight: office.weight })),
    // A gentle business cycle only: the fund's yearly inflow stays inside the 3,200–3,600 it reports.
    levelVolatility: 0.004,
  });
  const random = mulberry32(seed ^ 0x5bd1e995);
  const rows: HistoryRow[] = [];
  for (const [officeCode, counts] of inflow.byOffice) {
    counts.forEach((count, t) => {
      const weekStart = isoWeekStart(inflow.isoWeeks[t]).toISOString().slice(0, 10);
      for (const targetGroup of TARGET_GROUPS) {
        const newMembers = count === 0 ? 0 : samplePoisson(count * TARGET_GROUP_MIX[targetGroup], random);
        if (newMembers > 0) rows.push({ officeCode, weekStart, targetGroup, newMembers });
      }
    });
  }
  return rows;
}
