import type { AllocationDemand, AllocationInput, AllocationOffice, AllocationStaff } from './allocation.types.js';

/** Degrees of latitude per km, to place test offices at known distances from each other. */
const KM_PER_DEGREE_LAT = 111.195;

/** An office `kmNorth` km due north of a fixed point in Jutland. */
export function officeAt(id: string, kmNorth: number, island: string | null = null): AllocationOffice {
  return { id, lat: 56 + kmNorth / KM_PER_DEGREE_LAT, lon: 9.5, island };
}

export function adviser(
  id: string,
  homeOfficeId: string,
  hoursByWeek: Record<string, number>,
  skills: string[] = [],
): AllocationStaff {
  return { id, role: 'adviser', skills, homeOfficeId, hoursByWeek };
}

export function jobConsultant(
  id: string,
  baseOfficeId: string | null,
  hoursByWeek: Record<string, number>,
  skills: string[] = [],
): AllocationStaff {
  return { id, role: 'job-consultant', skills, homeOfficeId: null, baseOfficeId, hoursByWeek };
}

export function demand(
  officeId: string,
  week: string,
  activity: string,
  hours: number,
  skill: string | null = null,
): AllocationDemand {
  return { officeId, week, activity, role: 'adviser', skill, hours };
}

export function allocationInput(overrides: Partial<AllocationInput>): AllocationInput {
  return { weeks: ['2026-W49'], offices: [], staff: [], demand: [], ...overrides };
}
