import { Inject, Injectable } from '@nestjs/common';
import { departmentScope, type Principal } from '../../common/auth/principal.js';
import { DomainError, forbidden } from '../../common/errors/domain-error.js';
import type { StaffRow } from '../../locations/locations.repository.js';
import { LocationsService } from '../../locations/locations.service.js';

/**
 * Who may cross department lines, decided here and nowhere else:
 * - Department staff (advisers, office coordinators) put their own department's people and the teams that
 *   work across departments (the job team, central staff) on slots and sessions at their offices. Another
 *   department's staff are not theirs to see, so naming one answers 404, like an id that does not exist.
 * - A member's home office decides which department looks after them. Department staff register members at,
 *   and move them between, their own department's offices; moving a member into another department (or
 *   registering them there) hands the case over, which is for central coordinators and admins: 403
 *   OTHER_DEPARTMENT (offices are public, so the target office is known to the caller).
 * - Central coordinators and admins do both across the fund.
 */
@Injectable()
export class ScopePolicy {
  constructor(@Inject(LocationsService) private readonly locations: LocationsService) {}

  /** The staff member, when the caller may have them hold slots or lead sessions; 404 for other departments' staff and unknown ids alike. */
  assignableStaff(principal: Principal, staffId: string): Promise<StaffRow> {
    if (principal.role === 'member') throw forbidden('Only staff can do this.');
    return this.locations.getStaff(principal, staffId);
  }

  /** May the caller make this office a member's home office (registering them, or moving them there)? */
  assertMayHouseMemberAt(principal: Principal, office: { departmentId: string }): void {
    if (principal.role === 'member') throw forbidden('Only staff can do this.');
    const scope = departmentScope(principal);
    if (scope !== undefined && scope !== office.departmentId) {
      throw new DomainError('OTHER_DEPARTMENT', 'The office belongs to another department: only a central coordinator moves a member there or registers one there.');
    }
  }
}
