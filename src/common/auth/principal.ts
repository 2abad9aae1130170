import type { Role } from '../../shared/vocabulary/roles.js';

export {
  ACCESS_ROLES,
  CENTRAL_ROLES,
  COORDINATOR_ROLES,
  isRole,
  STAFF_ACCESS_ROLES,
  type Role,
} from '../../shared/vocabulary/roles.js';

/** Who is calling, from the verified bearer token. Services receive this and scope their queries by it through AccessService. */
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
