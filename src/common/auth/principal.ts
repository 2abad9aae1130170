import { CENTRAL_ROLES, type Role } from '../../shared/vocabulary/roles.js';

export { ACCESS_ROLES, CENTRAL_ROLES, COORDINATOR_ROLES, isRole, STAFF_ACCESS_ROLES, type Role } from '../../shared/vocabulary/roles.js';

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
