import {
  checkOrganisation,
  organisationCsv,
  organisationJson,
  parseOrganisationCsv,
  parseOrganisationJson,
  plainDocument,
  type OrganisationSnapshot,
} from './organisation-format.js';

const snapshot: OrganisationSnapshot = {
  departmentCodes: new Set(['trekanten']),
  offices: new Map([['kolding', { departmentCode: 'trekanten', isHeadOffice: true, isContactCentre: false }]]),
  municipalityCodes: new Set(['0621', '0630']),
  teamCodes: new Set(['job-team', 'central']),
};

const OFFICE_HEADER =
  'code,name,kind,department_code,town,municipality_code,lat,lon,island,street,postcode,city,is_head_office,is_contact_centre,active';

describe('organisation CSV', () => {
  it('reads offices with a BOM, semicolons and optional columns left out', () => {
    const text =
      '\uFEFFcode;name;kind;department_code;town;municipality_code;lat;lon;street;postcode;city\r\nvejle;Metal Vejle;main;trekanten;Vejle;0630;55.7093;9.5357;Dæmningen 12;7100;Vejle\r\n';
    const parsed = parseOrganisationCsv('offices', text);
    expect(parsed.problems).toEqual([]);
    expect(plainDocument(parsed.document).offices).toEqual([
      {
        code: 'vejle',
        name: 'Metal Vejle',
        kind: 'main',
        departmentCode: 'trekanten',
        town: 'Vejle',
        municipalityCode: '0630',
        lat: 55.7093,
        lon: 9.5357,
        island: null,
        street: 'Dæmningen 12',
        postcode: '7100',
        city: 'Vejle',
        isHeadOffice: false,
        isContactCentre: false,
      },
    ]);
  });

  it('reports every bad value with its line and column, and the header’s problems first', () => {
    const text = [
      OFFICE_HEADER,
      'vejle,Metal Vejle,main,trekanten,Vejle,0630,55.7,9.5,,Dæmningen 12,7100,Vejle,false,false,true',
      'Bad Code,Metal X,central,trekanten,X,0630,12.0,9.5,atlantis,Gade 1,7100,X,maybe,false,',
      'short,row',
    ].join('\n');
    const { problems } = parseOrganisationCsv('offices', text);
    expect(problems).toEqual([
      expect.objectContaining({ line: 3, column: 1, field: 'code' }),
      expect.objectContaining({ line: 3, column: 3, field: 'kind' }),
      expect.objectContaining({ line: 3, column: 7, field: 'lat' }),
      expect.objectContaining({ line: 3, column: 9, field: 'island' }),
      expect.objectContaining({ line: 3, column: 13, field: 'is_head_office' }),
      expect.objectContaining({ line: 4, column: 0, message: 'Expected 15 fields, found 2' }),
    ]);
    expect(parseOrganisationCsv('rooms', 'office_code,name,colour\n')).toEqual(
      expect.objectContaining({
        problems: [
          expect.objectContaining({ line: 1, column: 3 }),
          expect.objectContaining({ line: 1, field: 'seats' }),
        ],
      }),
    );
  });

  it('checks references against the file and the database, with the line of the reference', () => {
    const staff = parseOrganisationCsv(
      'staff',
      [
        'employee_number,name,email,role,office_code,department_code,team_code,skills,weekly_hours',
        'M-1,Anne Jensen,anne@akasse.example,adviser,kolding,,,netcafe|it,37',
        'M-2,Jens Hansen,jens@akasse.example,adviser,nowhere,,,,37',
        'M-3,Lars Olsen,lars@akasse.example,job-consultant,,,,workshop,37',
        'M-4,Mads Berg,mads@akasse.example,job-consultant,,,night-team,,37',
        'M-1,Anne Jensen,anne@akasse.example,adviser,kolding,,,,37',
        'M-5,Sofie Holm,sofie.akasse,office-coordinator,,elsewhere,,juggling,37',
      ].join('\n'),
    );
    expect(staff.problems).toEqual([expect.objectContaining({ line: 7, field: 'skills' })]);
    const problems = checkOrganisation(staff.document, snapshot);
    expect(problems).toEqual([
      expect.objectContaining({ line: 3, field: 'office_code', message: 'No office has the code "nowhere"' }),
      expect.objectContaining({ line: 4, field: 'team_code', message: 'A job consultant needs a team (job-team)' }),
      expect.objectContaining({ line: 5, field: 'team_code' }),
      expect.objectContaining({ line: 6, column: 0, message: 'Duplicate of line 2 (same employee number)' }),
    ]);
    // An office in the same file counts; a room of an office neither in the file nor the database does not.
    const rooms = parseOrganisationCsv('rooms', 'office_code,name,seats\nkolding,Kursuslokale,24\nvejle,Netcafé,8\n');
    expect(checkOrganisation(rooms.document, snapshot)).toEqual([
      expect.objectContaining({ line: 3, column: 1, message: 'No office has the code "vejle"' }),
    ]);
  });

  it('refuses a second head office, and hours that close before they open', () => {
    const offices = parseOrganisationCsv(
      'offices',
      [OFFICE_HEADER, 'vejle,Metal Vejle,main,trekanten,Vejle,0630,55.7,9.5,,Dæmningen 12,7100,Vejle,true,false,'].join(
        '\n',
      ),
    );
    expect(checkOrganisation(offices.document, snapshot)).toEqual([
      expect.objectContaining({
        line: 2,
        field: 'is_head_office',
        message: 'There can be only one head office; these would be: kolding, vejle',
      }),
    ]);
    const hours = parseOrganisationCsv(
      'opening-hours',
      'office_code,weekday,opens,closes\nkolding,1,16:00,08:00\nkolding,8,08:00,25:00\n',
    );
    expect(hours.problems).toEqual([
      expect.objectContaining({ line: 3, field: 'weekday' }),
      expect.objectContaining({ line: 3, field: 'closes' }),
    ]);
    expect(checkOrganisation(hours.document, snapshot)).toEqual([
      expect.objectContaining({ line: 2, field: 'closes' }),
    ]);
  });
});

describe('organisation JSON', () => {
  it('names each problem by its path', () => {
    const parsed = parseOrganisationJson({
      departments: [{ code: 'trekanten', name: 'Metal Trekanten', colour: 'red' }],
      offices: [
        {
          code: 'vejle',
          name: 'Metal Vejle',
          kind: 'main',
          departmentCode: 'trekanten',
          town: 'Vejle',
          municipalityCode: '0630',
          lat: '55.7',
          lon: 9.5,
          street: 'Dæmningen 12',
          postcode: '7100',
          city: 'Vejle',
          rooms: [{ name: 'Netcafé', seats: 0 }],
          openingHours: 'Mondays',
        },
      ],
      staff: {},
      members: [],
    });
    expect(parsed.problems).toEqual([
      { path: 'members', message: expect.stringContaining('Unknown section') },
      { path: 'departments[0].colour', message: 'Unknown field "colour"' },
      { path: 'offices[0].lat', message: '"55.7" is not a number' },
      { path: 'offices[0].rooms[0].seats', message: '0 is outside 1–500' },
      { path: 'offices[0].openingHours', message: 'offices[0].openingHours must be a list' },
      { path: 'staff', message: 'staff must be a list' },
    ]);
  });

  it('gives back what it reads: JSON and CSV exports parse to the same records', () => {
    const body = {
      departments: [{ code: 'trekanten', name: 'Metal Trekanten, Vejle', active: true }],
      offices: [
        {
          code: 'vejle',
          name: 'Metal "Vejle"',
          kind: 'main' as const,
          departmentCode: 'trekanten',
          town: 'Vejle',
          municipalityCode: '0630',
          lat: 55.7093,
          lon: 9.5357,
          island: null,
          street: 'Dæmningen 12',
          postcode: '7100',
          city: 'Vejle',
          isHeadOffice: false,
          isContactCentre: false,
          active: false,
          rooms: [{ name: 'Netcafé', seats: 8 }],
          openingHours: [{ weekday: 5, opens: '08:00', closes: '14:00' }],
        },
      ],
      staff: [
        {
          employeeNumber: 'M-1',
          name: 'Anne Jensen',
          email: 'anne@akasse.example',
          role: 'adviser' as const,
          officeCode: 'vejle',
          departmentCode: 'trekanten',
          teamCode: null,
          skills: ['netcafe' as const, 'it' as const],
          weeklyHours: 30.5,
          active: true,
        },
      ],
    };
    const parsed = parseOrganisationJson(body);
    expect(parsed.problems).toEqual([]);
    const document = plainDocument(parsed.document);
    expect(organisationJson(document)).toEqual(body);
    for (const section of ['departments', 'offices', 'rooms', 'opening-hours', 'staff'] as const) {
      const again = parseOrganisationCsv(section, organisationCsv(section, document));
      expect(again.problems).toEqual([]);
      const key = section === 'opening-hours' ? 'openingHours' : section;
      expect(plainDocument(again.document)[key]).toEqual(document[key]);
    }
  });
});
