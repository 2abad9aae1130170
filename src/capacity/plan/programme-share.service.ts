import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service.js';
import type { Principal } from '../../common/auth/principal.js';
import { DomainError, notFound } from '../../common/errors/domain-error.js';
import { Clock, localDate } from '../../shared/time/index.js';
import { isLeaderJobRole, LEADER_JOB_ROLES } from '../../shared/vocabulary/roles.js';
import { ProgrammeShareRepository, type ProgrammeShareRow, type ShareStaffRow } from './programme-share.repository.js';
import type { RoleShareBody, StaffShareBody } from '../dto/programme-share.dto.js';
import { programmeShareOn, valueOn } from './core/supply/programme-share.js';

const entry = (row: ProgrammeShareRow) => ({
  share: row.share,
  validFrom: row.validFrom,
  note: row.note,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
});

/**
 * The share of each person's working time that goes to programme work: a default per leader role and a person's own
 * value, both dated (a new value holds from its day on; the old ones stay as history). Supply in the plan and the
 * allocation is working hours times this share. Every change is audited.
 */
@Injectable()
export class ProgrammeShareService {
  constructor(
    @Inject(ProgrammeShareRepository) private readonly repository: ProgrammeShareRepository,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  /** Role defaults and the people in the caller's scope, with the value in force on `on` (default today). */
  async overview(principal: Principal, on?: string) {
    const day = on ?? localDate(this.clock.now());
    const [rows, staff] = await Promise.all([
      this.repository.listAll(),
      this.repository.listLeaders(this.access.departmentFilter(principal)),
    ]);
    const byRole = new Map(LEADER_JOB_ROLES.map((role) => [role as string, rows.filter((r) => r.role === role)]));
    return {
      on: day,
      roles: LEADER_JOB_ROLES.map((role) => {
        const history = byRole.get(role)!;
        return { role, share: valueOn(history, day)?.share ?? 0, history: history.map(entry) };
      }),
      staff: staff.map((person) =>
        this.personView(
          person,
          rows.filter((r) => r.staffId === person.id),
          byRole.get(person.role) ?? [],
          day,
        ),
      ),
    };
  }

  async forStaff(principal: Principal, staffId: string, on?: string) {
    const person = await this.inScope(principal, staffId);
    const day = on ?? localDate(this.clock.now());
    const [own, role] = await Promise.all([
      this.repository.listForStaff(staffId),
      isLeaderJobRole(person.role) ? this.repository.listForRole(person.role) : [],
    ]);
    return { on: day, ...this.personView(person, own, role, day) };
  }

  async setRoleDefault(principal: Principal, role: string, body: RoleShareBody) {
    if (!isLeaderJobRole(role)) throw notFound(`leader role "${role}" (use ${LEADER_JOB_ROLES.join(', ')})`);
    await this.db.transaction(async (manager) => {
      const before = (await this.repository.listForRole(role, manager)).find((r) => r.validFrom === body.validFrom);
      const { id } = await this.repository.upsert(
        {
          staffId: null,
          role,
          share: body.share,
          validFrom: body.validFrom,
          note: body.note ?? null,
          createdBy: principal.subjectId ?? null,
        },
        manager,
      );
      await this.repository.audit(
        {
          ...actor(principal),
          entityId: id,
          action: before ? 'replace' : 'set',
          officeId: null,
          before: before && entry(before),
          after: { role, share: body.share, validFrom: body.validFrom },
        },
        manager,
      );
    });
    const history = await this.repository.listForRole(role);
    return { role, share: valueOn(history, localDate(this.clock.now()))?.share ?? 0, history: history.map(entry) };
  }

  async setForStaff(principal: Principal, staffId: string, body: StaffShareBody) {
    const person = await this.inScope(principal, staffId);
    if (!isLeaderJobRole(person.role)) {
      throw new DomainError(
        'NOT_A_LEADER_ROLE',
        `Only ${LEADER_JOB_ROLES.join(', ')} staff hold programme work; this person is ${person.role}.`,
      );
    }
    await this.db.transaction(async (manager) => {
      const before = (await this.repository.listForStaff(staffId, manager)).find((r) => r.validFrom === body.validFrom);
      const { id } = await this.repository.upsert(
        {
          staffId,
          role: null,
          share: body.share,
          validFrom: body.validFrom,
          note: body.note ?? null,
          createdBy: principal.subjectId ?? null,
        },
        manager,
      );
      await this.repository.audit(
        {
          ...actor(principal),
          entityId: id,
          action: before ? 'replace' : 'set',
          officeId: person.officeId,
          before: before && entry(before),
          after: { staffId, share: body.share, validFrom: body.validFrom },
        },
        manager,
      );
    });
    return this.forStaff(principal, staffId);
  }

  /** Someone outside the caller's department is out of scope: 404, as if they did not exist. */
  private async inScope(principal: Principal, staffId: string): Promise<ShareStaffRow> {
    const person = await this.repository.findStaff(staffId);
    this.access.assertInScope(principal, person, 'staff member', staffId);
    return person;
  }

  private personView(person: ShareStaffRow, own: ProgrammeShareRow[], role: ProgrammeShareRow[], day: string) {
    const current = valueOn(own, day);
    return {
      staffId: person.id,
      name: person.name,
      role: person.role,
      officeId: person.officeId,
      share: programmeShareOn(own, role, day),
      source: current && current.share !== null ? ('person' as const) : ('role' as const),
      history: own.map(entry),
    };
  }
}

function actor(principal: Principal) {
  return { actorRole: principal.role, actorId: principal.subjectId ?? null };
}
