import { departmentScope, type Principal, seesAllDepartments } from '../common/auth/principal.js';

/** Offices the caller may see: all for central coordinators and admins, their own department's for office coordinators. */
export function visibleOffices<T extends { departmentId: string }>(principal: Principal, offices: readonly T[]): T[] {
  const department = departmentScope(principal);
  return department === undefined ? [...offices] : offices.filter((office) => office.departmentId === department);
}

/** Fund-wide figures (totals, the job team's pool) are for the central roles only. */
export function seesFund(principal: Principal): boolean {
  return seesAllDepartments(principal);
}
