/*
 * Three different lists of "roles" live in this domain; each has its own name here so they are never confused:
 * - ACCESS_ROLES: what a bearer token says the caller is (what the API authorises by);
 * - STAFF_JOB_ROLES: a staff member's job (column staff.role): who they are in the organisation;
 * - LEADER_JOB_ROLES: the jobs that lead activities, i.e. the jobs staffing is planned and allocated for.
 */

/** What a bearer token says the caller is. */
export const ACCESS_ROLES = [
  'member',
  'adviser',
  'job-consultant',
  'pre-unemployment',
  'office-coordinator',
  'central-coordinator',
  'admin',
  'service',
] as const;
export type Role = (typeof ACCESS_ROLES)[number];

/** Access roles of the fund's staff: every role but `member` and machine clients (`service`). */
export const STAFF_ACCESS_ROLES: readonly Role[] = [
  'adviser',
  'job-consultant',
  'pre-unemployment',
  'office-coordinator',
  'central-coordinator',
  'admin',
];
/** Access roles that plan and publish for an office (or, central ones, for all offices). */
export const COORDINATOR_ROLES: readonly Role[] = ['office-coordinator', 'central-coordinator', 'admin'];
/** Access roles that see and plan across every department. */
export const CENTRAL_ROLES: readonly Role[] = ['central-coordinator', 'admin'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ACCESS_ROLES as readonly string[]).includes(value);
}

/** A staff member's job (column staff.role). */
export const STAFF_JOB_ROLES = [
  'adviser',
  'job-consultant',
  'pre-unemployment',
  'office-coordinator',
  'central-coordinator',
] as const;
export type StaffRole = (typeof STAFF_JOB_ROLES)[number];

/** The jobs that lead activities: advisers (rådgivere), job consultants (jobkonsulenter) and pre-unemployment (førledighed) staff. */
export const LEADER_JOB_ROLES = [
  'adviser',
  'job-consultant',
  'pre-unemployment',
] as const satisfies readonly StaffRole[];
export type LeaderJobRole = (typeof LEADER_JOB_ROLES)[number];

export function isLeaderJobRole(role: string): role is LeaderJobRole {
  return (LEADER_JOB_ROLES as readonly string[]).includes(role);
}

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
