import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../common/auth/access.service.js';
import type { Principal } from '../common/auth/principal.js';
import { notFound, unprocessable } from '../common/errors/domain-error.js';
import { publicHolidays } from './calendar-rules.js';
import type {
  ClosureDayBody,
  CreateAbsenceBody,
  CreateStaffBody,
  ListOfficesQuery,
  ListStaffQuery,
  UpdateStaffBody,
} from './dto/locations.dto.js';
import { haversineKm, nearest, type GeoPoint, type Island } from '../shared/geo.js';
import { LocationsRepository, type OfficeRow, type StaffRow } from './locations.repository.js';
import { OrganisationRepository } from './organisation/organisation.repository.js';

export const JOB_TEAM_CODE = 'job-team';

export interface OfficeView extends OfficeRow {
  active: boolean;
  distanceKm?: number;
}

@Injectable()
export class LocationsService {
  constructor(
    @Inject(LocationsRepository) private readonly repository: LocationsRepository,
    @Inject(OrganisationRepository) private readonly organisation: OrganisationRepository,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  /** Inactive departments only with includeInactive. */
  async listDepartments(query: { includeInactive?: boolean } = {}) {
    const [departments, activity] = await Promise.all([
      this.repository.listDepartments(),
      this.organisation.departmentActivity(),
    ]);
    return departments
      .map((d) => ({ ...d, active: activity.get(d.id) ?? true }))
      .filter((d) => d.active || query.includeInactive);
  }

  /** Inactive offices only with includeInactive: members and coordinators pick from the active ones. */
  async listOffices(query: ListOfficesQuery): Promise<OfficeView[]> {
    const [rows, activity] = await Promise.all([
      this.repository.listOffices(query),
      this.organisation.officeActivity(),
    ]);
    const offices = rows
      .map((office) => ({ ...office, active: activity.get(office.id) ?? true }))
      .filter((office) => office.active || query.includeInactive);
    if (!query.near) {
      if (query.radiusKm !== undefined)
        throw unprocessable('NEAR_REQUIRED', 'radiusKm needs a centre point: add near=lat,lon.');
      return offices;
    }
    const [lat, lon] = query.near.split(',').map(Number);
    const radius = query.radiusKm ?? Number.POSITIVE_INFINITY;
    return offices
      .map((office) => ({ ...office, distanceKm: Math.round(haversineKm({ lat, lon }, office) * 10) / 10 }))
      .filter((office) => office.distanceKm <= radius)
      .sort((a, b) => a.distanceKm - b.distanceKm);
  }

  async getOffice(id: string) {
    const office = await this.repository.findOffice(id);
    if (!office) throw notFound('office', id);
    const [rooms, openingHours, activity] = await Promise.all([
      this.organisation.listRooms(id),
      this.organisation.listOpeningHours(id),
      this.organisation.officeActivity(),
    ]);
    return { ...office, active: activity.get(id) ?? true, rooms, openingHours };
  }

  listMunicipalities(filter: { regionCode?: string; inTrial?: boolean }) {
    return this.repository.listMunicipalities(filter);
  }

  async findMunicipality(code: string) {
    return (await this.repository.listMunicipalities({})).find((m) => m.code === code);
  }

  /** The office a member from this point would travel to: nearest by travel distance (ferries count), main offices and satellites alike. */
  async nearestOffice(point: GeoPoint): Promise<OfficeRow | undefined> {
    const [offices, activity] = await Promise.all([
      this.repository.listOffices({}),
      this.organisation.officeActivity(),
    ]);
    const active = offices.filter((office) => activity.get(office.id) !== false);
    return nearest(
      point,
      active.map((office) => ({ ...office, island: office.island as Island | null })),
    );
  }

  findOffice(id: string): Promise<OfficeRow | undefined> {
    return this.repository.findOffice(id);
  }

  async isOfficeActive(id: string): Promise<boolean> {
    return (await this.organisation.officeActivity()).get(id) !== false;
  }

  listAllOffices(): Promise<OfficeRow[]> {
    return this.repository.listOffices({});
  }

  listStaff(principal: Principal, query: ListStaffQuery): Promise<StaffRow[]> {
    return this.repository.listStaff({ ...query, scopeDepartmentId: this.access.departmentFilter(principal) });
  }

  /** For other features' rules (who may lead what); not scoped, so never hand its result to a client as is. */
  findStaff(id: string): Promise<StaffRow | undefined> {
    return this.repository.findStaff(id);
  }

  async getStaff(principal: Principal, id: string): Promise<StaffRow> {
    return this.access.find(principal, 'staff member', id, () =>
      this.repository.findStaff(id, this.access.departmentFilter(principal)),
    );
  }

  async createStaff(principal: Principal, body: CreateStaffBody): Promise<StaffRow> {
    this.access.assertAllowed(principal, 'staff', 'create');
    const office = body.officeId ? await this.repository.findOffice(body.officeId) : undefined;
    if (body.officeId && !office) throw unprocessable('UNKNOWN_OFFICE', `No office with id ${body.officeId} exists.`);
    const departmentId = office?.departmentId ?? body.departmentId ?? null;
    if (departmentId && !office && !(await this.repository.departmentExists(departmentId))) {
      throw unprocessable('UNKNOWN_DEPARTMENT', `No department with id ${departmentId} exists.`);
    }
    this.access.assertMayActIn(principal, departmentId);
    const teamCode = body.teamCode ?? (body.role === 'job-consultant' ? JOB_TEAM_CODE : undefined);
    const teamId = teamCode ? await this.repository.findTeamIdByCode(teamCode) : null;
    if (teamCode && !teamId) throw unprocessable('UNKNOWN_TEAM', `No team with code "${teamCode}" exists.`);
    const id = await this.repository.insertStaff({
      employeeNumber: body.employeeNumber,
      name: body.name,
      email: body.email,
      role: body.role,
      officeId: office?.id ?? null,
      departmentId,
      teamId: teamId ?? null,
      skills: body.skills ?? [],
      weeklyHours: body.weeklyHours,
    });
    return this.getStaff(principal, id);
  }

  async updateStaff(principal: Principal, id: string, body: UpdateStaffBody): Promise<StaffRow> {
    this.access.assertAllowed(principal, 'staff', 'update');
    const existing = await this.getStaff(principal, id);
    this.access.assertMayActIn(principal, existing.departmentId);
    let departmentId: string | undefined;
    if (body.officeId) {
      const office = await this.repository.findOffice(body.officeId);
      if (!office) throw unprocessable('UNKNOWN_OFFICE', `No office with id ${body.officeId} exists.`);
      this.access.assertMayActIn(principal, office.departmentId);
      departmentId = office.departmentId;
    }
    await this.repository.updateStaff(id, { ...body, departmentId });
    return this.getStaff(principal, id);
  }

  async listAbsences(principal: Principal, staffId: string) {
    await this.getStaff(principal, staffId);
    return this.repository.listAbsences(staffId);
  }

  async addAbsence(principal: Principal, staffId: string, body: CreateAbsenceBody) {
    const staff = await this.getStaff(principal, staffId);
    const isSelf = principal.subjectId === staff.id;
    if (!isSelf) {
      this.access.assertAllowed(principal, 'staff', 'update');
      this.access.assertMayActIn(principal, staff.departmentId);
    }
    if (body.from > body.to)
      throw unprocessable('INVALID_PERIOD', `The absence ends (${body.to}) before it starts (${body.from}).`);
    return this.repository.insertAbsence(staffId, body.from, body.to, body.reason);
  }

  async getClosures(officeId: string, year: number) {
    if (!(await this.repository.findOffice(officeId))) throw notFound('office', officeId);
    return {
      officeId,
      year,
      publicHolidays: publicHolidays(year),
      closureDays: await this.repository.listClosureDays(officeId, year),
    };
  }

  async replaceClosures(principal: Principal, officeId: string, year: number, days: ClosureDayBody[]) {
    this.access.assertAllowed(principal, 'office closure', 'replace');
    this.access.assertInScope(principal, await this.repository.findOffice(officeId), 'office', officeId);
    const outside = days.filter((day) => !day.date.startsWith(`${year}-`));
    if (outside.length > 0) {
      throw unprocessable(
        'DATE_OUTSIDE_YEAR',
        `These dates are not in ${year}: ${outside.map((d) => d.date).join(', ')}.`,
      );
    }
    const seen = new Set<string>();
    for (const day of days) {
      if (seen.has(day.date)) throw unprocessable('DUPLICATE_DATE', `${day.date} is listed twice.`);
      seen.add(day.date);
    }
    await this.repository.replaceClosureDays(officeId, year, days);
    return this.getClosures(officeId, year);
  }
}
