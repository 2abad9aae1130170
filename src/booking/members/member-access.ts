import { Inject, Injectable } from '@nestjs/common';
import { departmentScope, type Principal } from '../../common/auth/principal.js';
import type { Queryable } from '../../common/database/queryable.js';
import { forbidden, notFound } from '../../common/errors/domain-error.js';
import { MembersRepository, type MemberRow } from './members.repository.js';

/**
 * Who may see or act for a member: the member themself, staff of the member's home department
 * (advisers, office coordinators) and central coordinators. Anything outside the caller's scope is
 * answered as not found, so ids of other people's data reveal nothing.
 */
@Injectable()
export class MemberAccess {
  constructor(@Inject(MembersRepository) private readonly members: MembersRepository) {}

  async assertCanSee(principal: Principal, memberId: string, what = 'member', id = memberId, db?: Queryable): Promise<MemberRow> {
    if (principal.role === 'member') {
      if (principal.subjectId !== memberId) throw notFound(what, id);
      const member = await this.members.findMember(memberId, undefined, db);
      if (!member) throw notFound(what, id);
      return member;
    }
    const member = await this.members.findMember(memberId, departmentScope(principal), db);
    if (!member) throw notFound(what, id);
    return member;
  }

  async assertCanActFor(principal: Principal, memberId: string, db: Queryable, what = 'member', id = memberId): Promise<MemberRow> {
    return this.assertCanSee(principal, memberId, what, id, db);
  }

  assertStaffInScope(principal: Principal, departmentId: string, what: string, id: string): void {
    if (principal.role === 'member') throw forbidden('Only staff can do this.');
    const scope = departmentScope(principal);
    if (scope !== undefined && scope !== departmentId) throw notFound(what, id);
  }

  /** Staff who may manage a department's slots and sessions: its advisers and office coordinators, and central roles. */
  assertMayManage(principal: Principal, departmentId: string, what: string, id: string): void {
    if (principal.role === 'member') throw forbidden('Only staff can do this.');
    this.assertStaffInScope(principal, departmentId, what, id);
  }
}
