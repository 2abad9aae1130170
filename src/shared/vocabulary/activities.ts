/** How a member meets the fund for an activity. */
export const CHANNELS = ['in-person', 'phone', 'video'] as const;
export type Channel = (typeof CHANNELS)[number];

/** An activity is held for one member (a slot) or for a group (a session with seats). */
export const ACTIVITY_KINDS = ['individual', 'group'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** The families of group activities the optimiser plans sessions for: netcafé, workshops and theme days (temadage). */
export const GROUP_ACTIVITY_FAMILIES = ['netcafe', 'workshop', 'themeDay'] as const;
export type GroupActivityFamily = (typeof GROUP_ACTIVITY_FAMILIES)[number];
