export type OfficeKind = 'main' | 'satellite';

import type { Island } from '../../shared/geo.js';

export type { Island };

export interface DepartmentSeed {
  code: string;
  name: string;
}

export interface RoomSeed {
  name: string;
  seats: number;
}

/** ISO weekday 1 = Monday … 7 = Sunday; times are local Europe/Copenhagen wall-clock 'HH:mm'. */
export interface OpeningHoursSeed {
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  opens: string;
  closes: string;
}

export interface OfficeSeed {
  code: string;
  name: string;
  kind: OfficeKind;
  departmentCode: string;
  town: string;
  municipalityCode: string;
  lat: number;
  lon: number;
  island: Island | null;
  address: { street: string; postcode: string; city: string };
  rooms: readonly RoomSeed[];
  openingHours: readonly OpeningHoursSeed[];
  isHeadOffice?: boolean;
  isContactCentre?: boolean;
}

export interface MunicipalitySeed {
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
  contactCourseTrial2020: boolean;
  scheme2027: string | null;
  /** The town `lat`/`lon` refer to, so the choice can be checked and changed. */
  mainTown: string;
  lat: number;
  lon: number;
  island: Island | null;
}
