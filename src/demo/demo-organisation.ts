import { mulberry32 } from '../capacity/forecast/core/synthetic.js';
import { DEPARTMENTS, MUNICIPALITIES, OFFICES, type OfficeSeed } from '../locations/seed/index.js';
import type { StaffRole, StaffSkill } from '../shared/vocabulary/roles.js';

export interface DemoDepartment {
  code: string;
  name: string;
}

export interface DemoOffice extends OfficeSeed {
  /** Relative size, used to spread staff and unemployed members. */
  weight: number;
}

export interface DemoStaff {
  employeeNumber: string;
  name: string;
  email: string;
  role: StaffRole;
  officeCode: string | null;
  departmentCode: string | null;
  teamCode: string | null;
  skills: StaffSkill[];
  weeklyHours: number;
}

export interface DemoOrganisation {
  departments: DemoDepartment[];
  offices: DemoOffice[];
  staff: DemoStaff[];
}

const FIRST_NAMES = [
  'Anne',
  'Mette',
  'Hanne',
  'Susanne',
  'Lene',
  'Marianne',
  'Camilla',
  'Louise',
  'Charlotte',
  'Maria',
  'Peter',
  'Jens',
  'Lars',
  'Henrik',
  'Søren',
  'Thomas',
  'Michael',
  'Niels',
  'Rasmus',
  'Mads',
  'Sofie',
  'Ida',
  'Freja',
  'Emil',
  'Jonas',
  'Kasper',
  'Morten',
  'Birgitte',
  'Karen',
  'Jørgen',
];
const LAST_NAMES = [
  'Nielsen',
  'Jensen',
  'Hansen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Jørgensen',
  'Petersen',
  'Madsen',
  'Kristensen',
  'Olsen',
  'Thomsen',
  'Christiansen',
  'Poulsen',
  'Johansen',
  'Møller',
  'Mortensen',
];
const TARGET_GROUP_SKILLS: StaffSkill[] = ['it', 'plus50', 'newly-graduated', 'other-at-risk'];

/** The fund's staff numbers: 78 advisers, 7 job consultants, at least 45 pre-unemployment staff, 2 central coordinators. */
export const STAFF_COUNTS = { advisers: 78, jobConsultants: 7, preUnemployment: 45, centralCoordinators: 2 } as const;

function asciiSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

function townWeight(office: OfficeSeed): number {
  if (office.isHeadOffice) return 4;
  return office.kind === 'main' ? 1.6 + office.rooms.length * 0.3 : 0.6;
}

/**
 * The organisation at scale 1 is the fund itself (31 departments, 55 offices). Larger scales copy it
 * with jittered coordinates, as a stand-in for a nationwide service with many funds, for benchmarks.
 */
export function buildDemoOrganisation(seed: number, scale = 1): DemoOrganisation {
  const random = mulberry32(seed);
  const copies = Math.max(1, Math.round(scale));
  const departments: DemoDepartment[] = [];
  const offices: DemoOffice[] = [];
  for (let copy = 0; copy < copies; copy++) {
    const suffix = copy === 0 ? '' : `-${copy + 1}`;
    for (const department of DEPARTMENTS) {
      departments.push({
        code: `${department.code}${suffix}`,
        name: copy === 0 ? department.name : `${department.name} ${copy + 1}`,
      });
    }
    for (const office of OFFICES) {
      const jitter = copy === 0 ? 0 : 0.05;
      offices.push({
        ...office,
        code: `${office.code}${suffix}`,
        name: copy === 0 ? office.name : `${office.name} ${copy + 1}`,
        departmentCode: `${office.departmentCode}${suffix}`,
        lat: office.lat + (random() - 0.5) * jitter,
        lon: office.lon + (random() - 0.5) * jitter,
        isHeadOffice: copy === 0 && office.isHeadOffice,
        isContactCentre: copy === 0 && office.isContactCentre,
        weight: townWeight(office),
      });
    }
  }
  return { departments, offices, staff: buildStaff(offices, departments, random, copies) };
}

function buildStaff(
  offices: DemoOffice[],
  departments: DemoDepartment[],
  random: () => number,
  copies: number,
): DemoStaff[] {
  const staff: DemoStaff[] = [];
  const usedNames = new Map<string, number>();
  const person = (role: StaffRole) => {
    const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)];
    const last = LAST_NAMES[Math.floor(random() * LAST_NAMES.length)];
    const base = `${first} ${last}`;
    const seen = usedNames.get(base) ?? 0;
    usedNames.set(base, seen + 1);
    const name = seen === 0 ? base : `${first} ${String.fromCharCode(65 + (seen % 26))}. ${last}`;
    const number = staff.length + 1;
    return {
      employeeNumber: `M-${String(number).padStart(5, '0')}`,
      name,
      email: `${asciiSlug(name)}.${number}@akasse.example`,
      role,
      weeklyHours: random() < 0.15 ? 30 : 37,
    };
  };
  const mainOffices = offices.filter((o) => o.kind === 'main');
  const byWeight = [...mainOffices].sort((a, b) => b.weight - a.weight || a.code.localeCompare(b.code));
  const adviserTotal = STAFF_COUNTS.advisers * copies;
  for (let i = 0; i < adviserTotal; i++) {
    // Two per main office first, then the rest to the busiest offices.
    const office =
      i < mainOffices.length * 2
        ? mainOffices[i % mainOffices.length]
        : byWeight[(i - mainOffices.length * 2) % byWeight.length];
    const skills: StaffSkill[] = ['netcafe'];
    if (random() < 0.4) skills.push(TARGET_GROUP_SKILLS[Math.floor(random() * TARGET_GROUP_SKILLS.length)]);
    staff.push({
      ...person('adviser'),
      officeCode: office.code,
      departmentCode: office.departmentCode,
      teamCode: null,
      skills,
    });
  }
  for (let i = 0; i < STAFF_COUNTS.jobConsultants * copies; i++) {
    const focus = TARGET_GROUP_SKILLS[i % TARGET_GROUP_SKILLS.length];
    staff.push({
      ...person('job-consultant'),
      officeCode: null,
      departmentCode: null,
      teamCode: 'job-team',
      skills: [
        'workshop',
        'theme-day',
        'coaching',
        'joint-meeting',
        focus,
        ...(i % 2 === 0 ? (['it'] as StaffSkill[]) : []),
      ].filter((skill, index, all) => all.indexOf(skill) === index) as StaffSkill[],
    });
  }
  for (let i = 0; i < STAFF_COUNTS.preUnemployment * copies; i++) {
    const office = byWeight[i % byWeight.length];
    staff.push({
      ...person('pre-unemployment'),
      officeCode: office.code,
      departmentCode: office.departmentCode,
      teamCode: 'pre-unemployment',
      skills: ['jobstarter', 'snart-udlaert'],
    });
  }
  const headOffice = offices.find((o) => o.isHeadOffice) ?? mainOffices[0];
  for (let i = 0; i < STAFF_COUNTS.centralCoordinators; i++) {
    staff.push({
      ...person('central-coordinator'),
      officeCode: headOffice.code,
      departmentCode: headOffice.departmentCode,
      teamCode: 'central',
      skills: [],
    });
  }
  for (const department of departments) {
    staff.push({
      ...person('office-coordinator'),
      officeCode: null,
      departmentCode: department.code,
      teamCode: null,
      skills: [],
    });
  }
  return staff;
}

export { MUNICIPALITIES };
