import { DEPARTMENTS, MUNICIPALITIES, OFFICES, type Island } from './index.js';

const DENMARK = { minLat: 54.5, maxLat: 57.8, minLon: 8.0, maxLon: 15.2 };
const KEBAB_ASCII = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const REGION_NAMES: Record<string, string> = {
  '1081': 'Region Nordjylland',
  '1082': 'Region Midtjylland',
  '1083': 'Region Syddanmark',
  '1084': 'Region Hovedstaden',
  '1085': 'Region Sjælland',
};

const ISLAND_MUNICIPALITIES: Record<string, Island> = {
  '0400': 'bornholm',
  '0825': 'laeso',
  '0741': 'samso',
  '0563': 'fano',
  '0492': 'aero',
};

function duplicates(values: readonly string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

function outsideDenmark(places: readonly { code: string; lat: number; lon: number }[]): string[] {
  return places
    .filter(
      (p) =>
        !(p.lat >= DENMARK.minLat && p.lat <= DENMARK.maxLat && p.lon >= DENMARK.minLon && p.lon <= DENMARK.maxLon),
    )
    .map((p) => p.code);
}

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const municipalityByCode = new Map(MUNICIPALITIES.map((m) => [m.code, m]));

describe('DEPARTMENTS', () => {
  it('has 31 departments, each with a unique ASCII kebab code and a "Metal " name', () => {
    expect(DEPARTMENTS).toHaveLength(31);
    expect(duplicates(DEPARTMENTS.map((d) => d.code))).toEqual([]);
    expect(duplicates(DEPARTMENTS.map((d) => d.name))).toEqual([]);
    expect(DEPARTMENTS.filter((d) => !KEBAB_ASCII.test(d.code)).map((d) => d.code)).toEqual([]);
    expect(DEPARTMENTS.filter((d) => !d.name.startsWith('Metal ')).map((d) => d.name)).toEqual([]);
  });
});

describe('OFFICES', () => {
  it('has 55 offices: 30 main and 25 satellite', () => {
    expect(OFFICES).toHaveLength(55);
    expect(OFFICES.filter((o) => o.kind === 'main')).toHaveLength(30);
    expect(OFFICES.filter((o) => o.kind === 'satellite')).toHaveLength(25);
  });

  it('has unique ASCII kebab codes and unique names', () => {
    expect(duplicates(OFFICES.map((o) => o.code))).toEqual([]);
    expect(duplicates(OFFICES.map((o) => o.name))).toEqual([]);
    expect(OFFICES.filter((o) => !KEBAB_ASCII.test(o.code)).map((o) => o.code)).toEqual([]);
  });

  it('belongs to known departments, and every department has an office', () => {
    const departmentCodes = new Set(DEPARTMENTS.map((d) => d.code));
    expect(OFFICES.filter((o) => !departmentCodes.has(o.departmentCode)).map((o) => o.code)).toEqual([]);

    const withOffice = new Set(OFFICES.map((o) => o.departmentCode));
    expect(DEPARTMENTS.filter((d) => !withOffice.has(d.code)).map((d) => d.code)).toEqual([]);
  });

  it('gives every department a main office except the non-geographic Tele Vest', () => {
    const withMain = new Set(OFFICES.filter((o) => o.kind === 'main').map((o) => o.departmentCode));
    expect(DEPARTMENTS.filter((d) => !withMain.has(d.code)).map((d) => d.code)).toEqual(['tele-vest']);
  });

  it('lies in a known municipality, within 35 km of its main town', () => {
    expect(OFFICES.filter((o) => !municipalityByCode.has(o.municipalityCode)).map((o) => o.code)).toEqual([]);

    const farFromMunicipality = OFFICES.filter((o) => {
      const municipality = municipalityByCode.get(o.municipalityCode);
      return municipality !== undefined && distanceKm(o, municipality) > 35;
    }).map((o) => o.code);
    expect(farFromMunicipality).toEqual([]);
  });

  it('lies inside Denmark', () => {
    expect(outsideDenmark(OFFICES)).toEqual([]);
  });

  it('has one head office, in København, and one contact centre, in Fredericia', () => {
    const headOffices = OFFICES.filter((o) => o.isHeadOffice === true);
    expect(headOffices.map((o) => o.town)).toEqual(['København']);

    const contactCentres = OFFICES.filter((o) => o.isContactCentre === true);
    expect(contactCentres.map((o) => o.town)).toEqual(['Fredericia']);
  });

  it('has a four-digit postcode and a street on every address', () => {
    expect(OFFICES.filter((o) => !/^\d{4}$/.test(o.address.postcode)).map((o) => o.code)).toEqual([]);
    expect(OFFICES.filter((o) => o.address.street.trim() === '').map((o) => o.code)).toEqual([]);
  });

  it('has 2–4 rooms in a main office and 1–2 in a satellite, each with at least 2 seats and a unique name', () => {
    const badRoomCount = OFFICES.filter((o) =>
      o.kind === 'main' ? o.rooms.length < 2 || o.rooms.length > 4 : o.rooms.length < 1 || o.rooms.length > 2,
    ).map((o) => o.code);
    expect(badRoomCount).toEqual([]);

    const tooFewSeats = OFFICES.flatMap((o) =>
      o.rooms.filter((r) => !Number.isInteger(r.seats) || r.seats < 2).map((r) => `${o.code}/${r.name}`),
    );
    expect(tooFewSeats).toEqual([]);

    const duplicateRoomNames = OFFICES.filter((o) => duplicates(o.rooms.map((r) => r.name)).length > 0).map(
      (o) => o.code,
    );
    expect(duplicateRoomNames).toEqual([]);
  });

  it('opens on at least one weekday, with well-formed hours that close after they open', () => {
    const neverOpenOnWeekday = OFFICES.filter((o) => !o.openingHours.some((h) => h.weekday <= 5)).map((o) => o.code);
    expect(neverOpenOnWeekday).toEqual([]);

    const malformed = OFFICES.flatMap((o) =>
      o.openingHours
        .filter((h) => !HH_MM.test(h.opens) || !HH_MM.test(h.closes) || h.opens >= h.closes)
        .map((h) => `${o.code}/${h.weekday}`),
    );
    expect(malformed).toEqual([]);

    const weekdayTwice = OFFICES.filter((o) => duplicates(o.openingHours.map((h) => String(h.weekday))).length > 0).map(
      (o) => o.code,
    );
    expect(weekdayTwice).toEqual([]);
  });

  it('opens main offices on more days than satellites', () => {
    const fewestMainDays = Math.min(...OFFICES.filter((o) => o.kind === 'main').map((o) => o.openingHours.length));
    const mostSatelliteDays = Math.max(
      ...OFFICES.filter((o) => o.kind === 'satellite').map((o) => o.openingHours.length),
    );
    expect(fewestMainDays).toBeGreaterThan(mostSatelliteDays);
  });

  it('marks the island of an office exactly as its municipality, and only Rønne is on an island', () => {
    const inconsistent = OFFICES.filter((o) => o.island !== municipalityByCode.get(o.municipalityCode)?.island).map(
      (o) => o.code,
    );
    expect(inconsistent).toEqual([]);

    expect(OFFICES.filter((o) => o.island !== null).map((o) => `${o.town}:${o.island}`)).toEqual(['Rønne:bornholm']);
  });
});

describe('MUNICIPALITIES', () => {
  it('has all 98 municipalities with unique four-digit codes and names', () => {
    expect(MUNICIPALITIES).toHaveLength(98);
    expect(duplicates(MUNICIPALITIES.map((m) => m.code))).toEqual([]);
    expect(duplicates(MUNICIPALITIES.map((m) => m.name))).toEqual([]);
    expect(MUNICIPALITIES.filter((m) => !/^\d{4}$/.test(m.code)).map((m) => m.code)).toEqual([]);
  });

  it('names each region by its code, with the number of municipalities per region', () => {
    expect(MUNICIPALITIES.filter((m) => REGION_NAMES[m.regionCode] !== m.regionName).map((m) => m.code)).toEqual([]);

    const perRegion: Record<string, number> = {};
    for (const m of MUNICIPALITIES) perRegion[m.regionCode] = (perRegion[m.regionCode] ?? 0) + 1;
    expect(perRegion).toEqual({ '1081': 11, '1082': 19, '1083': 22, '1084': 29, '1085': 17 });
  });

  it('leaves out of the 2020 trial the 15 free municipalities, 11 of them in North Jutland', () => {
    const excluded = MUNICIPALITIES.filter((m) => !m.contactCourseTrial2020);
    expect(excluded).toHaveLength(15);
    expect(excluded.filter((m) => m.regionCode === '1081')).toHaveLength(11);
  });

  it('records the 2027 scheme of every municipality as one of the known values', () => {
    const unknown = MUNICIPALITIES.filter((m) => m.scheme2027 !== 'frit valg' && m.scheme2027 !== 'a-kasse 4 mdr');
    expect(unknown.map((m) => m.code)).toEqual([]);
  });

  it('lies inside Denmark', () => {
    expect(outsideDenmark(MUNICIPALITIES)).toEqual([]);
  });

  it('marks exactly the five bridgeless island municipalities with their island', () => {
    const islands = Object.fromEntries(MUNICIPALITIES.filter((m) => m.island !== null).map((m) => [m.code, m.island]));
    expect(islands).toEqual(ISLAND_MUNICIPALITIES);
  });
});
