/** The seven programme target groups: six strengthened (high risk) and the standard one (low risk). */
export const TARGET_GROUPS = [
  'plus50',
  'plus50-it',
  'it',
  'newly-graduated',
  'newly-graduated-it',
  'other-at-risk',
  'low-risk',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];
