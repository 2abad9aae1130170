export const ROLES = ['member', 'adviser', 'job-consultant', 'pre-unemployment', 'office-coordinator', 'central-coordinator', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, from the verified bearer token. Services receive this and scope their queries by it. */
export interface Principal {
  role: Role;
  /** Member id for members, staff id for staff; absent for service tokens. */
  subjectId?: string;
  /** The department an adviser or office coordinator acts for. */
  departmentId?: string;
  /** Machine clients (role `service`): what their service account may do, e.g. `members:write`. */
  scopes?: readonly string[];
}

/** Named scopes of machine clients' service accounts; a route opens to them with @Scopes(). */
export const SERVICE_SCOPES = ['members:write', 'members:read', 'bookings:read'] as const;
export type ServiceScope = (typeof SERVICE_SCOPES)[number];

export const STAFF_ROLES: readonly Role[] = ['adviser', 'job-consultant', 'pre-unemployment', 'office-coordinator', 'central-coordinator', 'admin'];
export const COORDINATOR_ROLES: readonly Role[] = ['office-coordinator', 'central-coordinator', 'admin'];
export const CENTRAL_ROLES: readonly Role[] = ['central-coordinator', 'admin'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * True when the caller may see everything, across departments. A service account acts fund-wide, but
 * only on the routes its scopes open (the auth guard refuses it everywhere else).
 */
export function seesAllDepartments(principal: Principal): boolean {
  return CENTRAL_ROLES.includes(principal.role) || principal.role === 'service';
}

/** Matches no department: a department-scoped role whose token names no department sees nothing. */
export const NO_DEPARTMENT = '00000000-0000-0000-0000-000000000000';

/** The department filter to apply in queries: undefined means no filter (central roles only). */
export function departmentScope(principal: Principal): string | undefined {
  return seesAllDepartments(principal) ? undefined : (principal.departmentId ?? NO_DEPARTMENT);
}
