import { Injectable } from '@nestjs/common';
import { DomainError, forbidden, notFound } from '../errors/domain-error.js';
import { ACCESS_POLICY, type AccessRule } from './access-policy.js';
import { CENTRAL_ROLES, type Principal } from './principal.js';

/**
 * What a caller may reach, as repositories filter by it. `departmentId`: only that department's resources
 * (members by their home office); absent: every department. `memberId`: only that member's own resources.
 */
export interface ScopeFilter {
  departmentId?: string;
  memberId?: string;
}

/** Who owns a resource: its department, and for a member's resources (bookings, messages, feeds) the member. */
export interface Owner {
  departmentId: string | null;
  memberId?: string;
}

/** Matches no department: a department-scoped role whose token names no department sees nothing. */
export const NO_DEPARTMENT = '00000000-0000-0000-0000-000000000000';
/** Matches no member: a member token without a subject sees nothing. */
const NO_MEMBER = '00000000-0000-0000-0000-000000000000';

/**
 * The one place that applies the declared access policy (access-policy.ts) beyond the guard's first role check:
 * - a role the policy does not list for a resource and action: 403 FORBIDDEN (`assertAllowed`);
 * - the scope: members reach their own resources, department staff their department's, central roles and
 *   machine clients (on the routes their scopes open) the whole fund. Repositories take `filter()`; a resource
 *   outside it is answered 404 NOT_FOUND, exactly like an unknown id (`find`, `assertInScope`).
 * Services call nothing else to decide who may see or do what.
 */
@Injectable()
export class AccessService {
  /** The rule the policy declares for a resource and action (the same on every route that names the pair). */
  rule(resource: string, action: string): AccessRule {
    const rule = Object.values(ACCESS_POLICY).find((r) => r.resource === resource && r.action === action);
    if (!rule) throw new Error(`The access policy declares no rule for ${action} ${resource}.`);
    return rule;
  }

  allows(principal: Principal, resource: string, action: string): boolean {
    const rule = this.rule(resource, action);
    // Machine clients reach a service only through a route their scopes open (the guard decided that).
    return rule.roles === 'public' || principal.role === 'service' || rule.roles.includes(principal.role);
  }

  /** 403 when the policy does not list the caller's role for this resource and action. */
  assertAllowed(principal: Principal, resource: string, action: string): void {
    if (this.allows(principal, resource, action)) return;
    const rule = this.rule(resource, action);
    throw forbidden(
      `Not for your role: ${action} ${resource} is for ${rule.roles === 'public' ? 'everyone' : rule.roles.join(', ')}.`,
    );
  }

  /** Central coordinators, admins and machine clients see across departments. */
  seesAllDepartments(principal: Principal): boolean {
    return CENTRAL_ROLES.includes(principal.role) || principal.role === 'service';
  }

  /** A member acting for themself: their resources only. */
  isMember(principal: Principal): boolean {
    return principal.role === 'member';
  }

  /** The filter a repository query applies for this caller. */
  filter(principal: Principal): ScopeFilter {
    if (this.isMember(principal)) return { memberId: principal.subjectId ?? NO_MEMBER };
    if (this.seesAllDepartments(principal)) return {};
    return { departmentId: principal.departmentId ?? NO_DEPARTMENT };
  }

  /** The department filter alone (undefined: every department), for queries over department-owned rows; members match none. */
  departmentFilter(principal: Principal): string | undefined {
    return this.isMember(principal) ? NO_DEPARTMENT : this.filter(principal).departmentId;
  }

  /**
   * Is a resource with this owner within the caller's scope? Members: their own (a resource of no member is
   * not theirs); department staff: their department's; central roles: all.
   */
  inScope(principal: Principal, owner: Owner): boolean {
    const filter = this.filter(principal);
    if (filter.memberId !== undefined) return owner.memberId === filter.memberId;
    return filter.departmentId === undefined || owner.departmentId === filter.departmentId;
  }

  /** 404 for a resource outside the caller's scope, as for one that does not exist. */
  assertInScope(
    principal: Principal,
    owner: Owner | undefined | null,
    what: string,
    id?: string,
  ): asserts owner is Owner {
    if (!owner || !this.inScope(principal, owner)) throw notFound(what, id);
  }

  /** The `self` scope: a staff member's own resource; anyone else's (and a member's) answers 404, as if there were none. */
  assertSelfStaff(principal: Principal, staffId: string, what: string): void {
    if (this.isMember(principal) || principal.subjectId !== staffId) throw notFound(what, staffId);
  }

  /** Loads through a scoped query: nothing found (unknown, or outside the caller's scope) is 404. */
  async find<T>(
    principal: Principal,
    what: string,
    id: string,
    load: (filter: ScopeFilter) => Promise<T | undefined | null>,
  ): Promise<T> {
    const found = await load(this.filter(principal));
    if (found === undefined || found === null) throw notFound(what, id);
    return found;
  }

  /** The rows of the caller's department (all for central roles); members have no department rows. */
  visible<T extends { departmentId: string | null }>(principal: Principal, rows: readonly T[]): T[] {
    if (this.isMember(principal)) return [];
    const department = this.departmentFilter(principal);
    return department === undefined ? [...rows] : rows.filter((row) => row.departmentId === department);
  }

  /**
   * Creating something in a department, moving something there, or changing a visible resource that belongs
   * there (a job-team colleague of another department): the caller's own department, any for central roles.
   * Departments and offices are reference data everyone sees, so this is a known resource with a forbidden
   * action: 403.
   */
  assertMayActIn(
    principal: Principal,
    departmentId: string | null,
    message = 'Only a coordinator for this department may change it.',
  ): void {
    const department = this.departmentFilter(principal);
    if (department !== undefined && department !== departmentId) throw forbidden(message);
  }

  /**
   * Making this department a member's home (registering them there, or moving them there) hands the case over,
   * as assertMayActIn: 403 OTHER_DEPARTMENT.
   */
  assertMayHouseMemberIn(principal: Principal, departmentId: string): void {
    const department = this.departmentFilter(principal);
    if (department !== undefined && department !== departmentId) {
      throw new DomainError(
        'OTHER_DEPARTMENT',
        'The office belongs to another department: only a central coordinator moves a member there or registers one there.',
      );
    }
  }
}
