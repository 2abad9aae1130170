export { DEPARTMENTS } from './departments.js';
export { MUNICIPALITIES } from './municipalities.js';
export { OFFICES } from './offices.js';
export type {
  DepartmentSeed,
  Island,
  MunicipalitySeed,
  OfficeKind,
  OfficeSeed,
  OpeningHoursSeed,
  RoomSeed,
} from './seed-types.js';
export { TEAMS, type TeamSeed } from './teams.js';
