import { isLeaderJobRole } from '../../../shared/vocabulary/roles.js';
import { type AllocationInput } from './allocation.types.js';

const ISO_WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;
const MAX_MESSAGES = 20;

function isNonNegative(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Everything wrong with the input, as messages a coordinator can act on; empty when valid. */
export function validateAllocationInput(input: AllocationInput): string[] {
  const messages: string[] = [];
  const add = (message: string): void => {
    if (messages.length < MAX_MESSAGES) messages.push(message);
  };

  const weeks = new Set<string>();
  for (const week of input.weeks) {
    if (!ISO_WEEK.test(week)) add(`week '${week}' is not an ISO week key like 2026-W49`);
    if (weeks.has(week)) add(`week '${week}' is listed twice`);
    weeks.add(week);
  }

  const offices = new Set<string>();
  for (const office of input.offices) {
    if (offices.has(office.id)) add(`office '${office.id}' is listed twice`);
    offices.add(office.id);
    if (
      !Number.isFinite(office.lat) ||
      Math.abs(office.lat) > 90 ||
      !Number.isFinite(office.lon) ||
      Math.abs(office.lon) > 180
    ) {
      add(`office '${office.id}' has invalid coordinates`);
    }
  }

  const staffIds = new Set<string>();
  for (const person of input.staff) {
    if (staffIds.has(person.id)) add(`staff '${person.id}' is listed twice`);
    staffIds.add(person.id);
    if (!isLeaderJobRole(person.role)) add(`staff '${person.id}' has unknown role '${person.role}'`);
    if (person.homeOfficeId !== null && !offices.has(person.homeOfficeId)) {
      add(`staff '${person.id}' has unknown home office '${person.homeOfficeId}'`);
    }
    if (person.baseOfficeId !== undefined && person.baseOfficeId !== null && !offices.has(person.baseOfficeId)) {
      add(`staff '${person.id}' has unknown base office '${person.baseOfficeId}'`);
    }
    if (person.maxTravelKm !== undefined && !isNonNegative(person.maxTravelKm)) {
      add(`staff '${person.id}' has invalid maxTravelKm`);
    }
    for (const [week, hours] of Object.entries(person.hoursByWeek)) {
      if (!isNonNegative(hours)) add(`staff '${person.id}' has invalid hours ${String(hours)} in ${week}`);
    }
  }

  const requirementByActivity = new Map<string, string>();
  input.demand.forEach((row, index) => {
    const where = `demand #${index} (${row.officeId} ${row.week} ${row.activity})`;
    const requirement = `${row.role}/${row.skill ?? 'any skill'}`;
    const known = requirementByActivity.get(row.activity);
    if (known === undefined) requirementByActivity.set(row.activity, requirement);
    else if (known !== requirement) add(`${where}: activity needs ${requirement} here but ${known} elsewhere`);
    if (!offices.has(row.officeId)) add(`${where}: unknown office`);
    if (!weeks.has(row.week)) add(`${where}: week is not in weeks`);
    if (!isLeaderJobRole(row.role)) add(`${where}: unknown role '${row.role}'`);
    if (!isNonNegative(row.hours)) add(`${where}: invalid hours ${String(row.hours)}`);
  });

  for (const name of ['travelCostPerKm', 'crossOfficePenalty', 'defaultMaxTravelKm'] as const) {
    if (input[name] !== undefined && !isNonNegative(input[name])) add(`${name} must be a non-negative number`);
  }
  if (input.hoursPerVisit !== undefined && !(isNonNegative(input.hoursPerVisit) && input.hoursPerVisit > 0)) {
    add('hoursPerVisit must be a positive number');
  }
  return messages;
}
