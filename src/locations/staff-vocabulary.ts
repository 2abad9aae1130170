export const STAFF_ROLES = ['adviser', 'job-consultant', 'pre-unemployment', 'office-coordinator', 'central-coordinator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** What a person can lead: target-group expertise and activity kinds. */
export const STAFF_SKILLS = [
  'it',
  'plus50',
  'newly-graduated',
  'other-at-risk',
  'netcafe',
  'workshop',
  'theme-day',
  'coaching',
  'joint-meeting',
  'jobstarter',
  'snart-udlaert',
] as const;
export type StaffSkill = (typeof STAFF_SKILLS)[number];

export const ABSENCE_REASONS = ['vacation', 'sick', 'course', 'other'] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];
