import type { TargetGroup } from '../../shared/vocabulary/target-groups.js';

export interface ProgrammeTemplateItem {
  activityCode: string;
  required: boolean;
  /** Week window counted from the first day of unemployment: week 1 is days 0–6. Inclusive at both ends. */
  fromWeek: number;
  toWeek: number;
  /** Only for members with this need (e.g. the netcafé for basic IT needs). */
  condition: 'basic-it-needs' | null;
}

export interface ProgrammeTemplate {
  targetGroup: TargetGroup;
  version: number;
  validFrom: string;
  items: readonly ProgrammeTemplateItem[];
}

const item = (
  activityCode: string,
  fromWeek: number,
  toWeek: number,
  required = true,
  condition: ProgrammeTemplateItem['condition'] = null,
): ProgrammeTemplateItem => ({
  activityCode,
  required,
  fromWeek,
  toWeek,
  condition,
});

/** Every programme: CV meeting week 2, follow-up weeks 4–13, availability weeks 9–10, first joint meeting weeks 11–12. */
const BASE = [
  item('cv-meeting', 2, 2),
  item('follow-up', 4, 13),
  item('availability-meeting', 9, 10),
  item('joint-meeting', 11, 12),
];

/** Strengthened programmes add the netcafé, two workshops, coaching, theme day(s) and LinkedIn as needed. */
function strengthened(firstWorkshop: string, secondWorkshop: string, themeDays: string[]): ProgrammeTemplateItem[] {
  return [
    ...BASE,
    item('netcafe', 3, 3, true, 'basic-it-needs'),
    item(firstWorkshop, 4, 4),
    item(secondWorkshop, 5, 5),
    item('coaching', 5, 11),
    ...themeDays.map((code) => item(code, 7, 8)),
    item('workshop-linkedin', 10, 10, false),
  ];
}

/**
 * The seven programme templates, one per target group: the standard programme and six strengthened ones for
 * members at high risk of long unemployment (over 50, IT, newly graduated and combinations). Version 1; a
 * coordinator's change is a new version, and members keep the version they were generated from
 * until their programme is regenerated.
 */
export const PROGRAMME_TEMPLATES: readonly ProgrammeTemplate[] = [
  { targetGroup: 'low-risk', version: 1, validFrom: '2020-01-01', items: BASE },
  {
    targetGroup: 'plus50',
    version: 1,
    validFrom: '2020-01-01',
    items: strengthened('workshop-uopfordret', 'workshop-skriv', ['theme-i-job-igen']),
  },
  {
    targetGroup: 'plus50-it',
    version: 1,
    validFrom: '2020-01-01',
    items: strengthened('workshop-uopfordret', 'workshop-skriv', ['theme-i-job-igen', 'theme-it']),
  },
  {
    targetGroup: 'it',
    version: 1,
    validFrom: '2020-01-01',
    items: strengthened('workshop-skriv', 'workshop-tal', ['theme-it']),
  },
  {
    targetGroup: 'newly-graduated',
    version: 1,
    validFrom: '2020-01-01',
    items: strengthened('workshop-skriv', 'workshop-tal', ['theme-klar-til-job']),
  },
  {
    targetGroup: 'newly-graduated-it',
    version: 1,
    validFrom: '2020-01-01',
    items: strengthened('workshop-skriv', 'workshop-tal', ['theme-klar-til-job', 'theme-it']),
  },
  {
    targetGroup: 'other-at-risk',
    version: 1,
    validFrom: '2020-01-01',
    items: strengthened('workshop-skriv', 'workshop-tal', []),
  },
];

export interface StatutoryRule {
  code: 'first-meeting';
  validFrom: string;
  validTo: string | null;
  /** The first meeting (the CV meeting) must be held within this many days of registration… */
  withinDays: number;
  /** …and on this channel. */
  channel: 'in-person';
}

/** Dated, because the rules change often (2020, 2024, 2026–27). */
export const STATUTORY_RULES: readonly StatutoryRule[] = [
  { code: 'first-meeting', validFrom: '2024-01-01', validTo: null, withinDays: 14, channel: 'in-person' },
];
