import type { Channel } from '../../shared/vocabulary/activities.js';
import { ACTIVITY_BY_CODE } from '../catalogue/activity-catalogue.js';
import type { ProgrammeTemplateItem, StatutoryRule } from '../catalogue/programme-templates.js';
import { addDays, localInstant } from '../../shared/time/index.js';

export interface ProgrammeMember {
  firstUnemploymentDay: string;
  basicItNeeds: boolean;
}

export interface GeneratedItem {
  activityCode: string;
  required: boolean;
  windowStart: Date;
  windowEnd: Date;
  channels: Channel[];
}

function ruleInForce(
  rules: readonly StatutoryRule[],
  code: StatutoryRule['code'],
  onDate: string,
): StatutoryRule | undefined {
  return rules.find(
    (rule) => rule.code === code && rule.validFrom <= onDate && (rule.validTo === null || onDate < rule.validTo),
  );
}

/**
 * Turns a programme template into a member's items. Week n is days 7(n−1) … 7n−1 after the first day
 * of unemployment, as local Copenhagen dates; a window is [local midnight of its first day, local
 * midnight after its last day). The first meeting obeys the statutory rule in force on the first day
 * of unemployment (within N days, in person).
 */
export function generateProgrammeItems(
  member: ProgrammeMember,
  templateItems: readonly ProgrammeTemplateItem[],
  rules: readonly StatutoryRule[],
): GeneratedItem[] {
  const firstMeetingRule = ruleInForce(rules, 'first-meeting', member.firstUnemploymentDay);
  return templateItems
    .filter((item) => item.condition !== 'basic-it-needs' || member.basicItNeeds)
    .map((item) => {
      const activity = ACTIVITY_BY_CODE.get(item.activityCode);
      if (!activity) throw new Error(`Programme template names an unknown activity: ${item.activityCode}`);
      let lastDayExclusive = item.toWeek * 7;
      let channels = [...activity.channels];
      if (item.activityCode === 'cv-meeting' && firstMeetingRule) {
        lastDayExclusive = Math.min(lastDayExclusive, firstMeetingRule.withinDays);
        channels = channels.filter((channel) => channel === firstMeetingRule.channel);
      }
      const firstDay = Math.min((item.fromWeek - 1) * 7, lastDayExclusive - 1);
      return {
        activityCode: item.activityCode,
        required: item.required,
        windowStart: localInstant(addDays(member.firstUnemploymentDay, firstDay), '00:00'),
        windowEnd: localInstant(addDays(member.firstUnemploymentDay, lastDayExclusive), '00:00'),
        channels,
      };
    });
}

export interface ExistingItem {
  id: string;
  activityCode: string;
  status: 'open' | 'booked' | 'done' | 'missed' | 'waived';
}

export interface RegenerationPlan {
  /** Open items to delete (their activity is regenerated below, or no longer in the programme). */
  deleteIds: string[];
  /** Items to create. */
  create: GeneratedItem[];
}

/**
 * A change of risk, target group or first day regenerates open items only: booked, done, missed and
 * waived items stay, and an activity that already has such an item is not generated again.
 */
export function planRegeneration(
  existing: readonly ExistingItem[],
  generated: readonly GeneratedItem[],
): RegenerationPlan {
  const kept = existing.filter((item) => item.status !== 'open');
  const keptCount = new Map<string, number>();
  for (const item of kept) keptCount.set(item.activityCode, (keptCount.get(item.activityCode) ?? 0) + 1);
  const create: GeneratedItem[] = [];
  for (const item of generated) {
    const remaining = keptCount.get(item.activityCode) ?? 0;
    if (remaining > 0) {
      keptCount.set(item.activityCode, remaining - 1);
      continue;
    }
    create.push(item);
  }
  return { deleteIds: existing.filter((item) => item.status === 'open').map((item) => item.id), create };
}
