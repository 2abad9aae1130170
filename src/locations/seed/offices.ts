import { type OfficeSeed, type OpeningHoursSeed, type RoomSeed } from './seed-types.js';

// The demo fund has offices in 54 towns. Which are main offices and which department each belongs to are
// choices made here:
// - The 55th office is a second Aarhus office (Aarhus N) for Metal Tele Vest.
// - 30 main offices for 31 departments: every department has exactly one main office, its largest town,
//   except Tele Vest, which is not geographic and has only the Aarhus N satellite. This is why some large
//   towns (Randers, Holbæk, Frederikshavn) are satellites: their department's main office is in a larger town.
// - The Copenhagen area has five departments but four office towns, so Metal Hovedstaden sits in Hillerød (the
//   region's seat) and Nordsjælland in Helsingør; Kastrup, Hvidovre and Rødovre house Maritime, Afdeling 16
//   and Tele Øst.
// - Assens joins Lillebælt (across the belt from Fredericia); Haderslev joins Kolding-Vejen-Vojens (Vojens lies in
//   Haderslev municipality).
// Addresses are invented demo data (common Danish street names with the town's real postcode), not the
// fund's premises.

const MAIN_HOURS: readonly OpeningHoursSeed[] = [
  { weekday: 1, opens: '08:00', closes: '16:00' },
  { weekday: 2, opens: '08:00', closes: '16:00' },
  { weekday: 3, opens: '08:00', closes: '16:00' },
  { weekday: 4, opens: '08:00', closes: '16:00' },
  { weekday: 5, opens: '08:00', closes: '14:00' },
];

const SATELLITE_HOURS: readonly OpeningHoursSeed[] = [
  { weekday: 2, opens: '09:00', closes: '15:00' },
  { weekday: 4, opens: '09:00', closes: '15:00' },
];

// The most remote satellites see too few members to staff two days a week.
const SATELLITE_WEDNESDAY_HOURS: readonly OpeningHoursSeed[] = [{ weekday: 3, opens: '09:00', closes: '15:00' }];

const LARGE_MAIN_ROOMS: readonly RoomSeed[] = [
  { name: 'Mødelokale 1', seats: 6 },
  { name: 'Mødelokale 2', seats: 6 },
  { name: 'Kursuslokale', seats: 24 },
  { name: 'Netcafé', seats: 8 },
];

const MEDIUM_MAIN_ROOMS: readonly RoomSeed[] = [
  { name: 'Mødelokale 1', seats: 6 },
  { name: 'Kursuslokale', seats: 16 },
  { name: 'Netcafé', seats: 6 },
];

const SMALL_MAIN_ROOMS: readonly RoomSeed[] = [
  { name: 'Mødelokale 1', seats: 6 },
  { name: 'Netcafé', seats: 4 },
];

const SATELLITE_ROOMS: readonly RoomSeed[] = [{ name: 'Mødelokale', seats: 4 }];

const SATELLITE_ROOMS_WITH_NETCAFE: readonly RoomSeed[] = [
  { name: 'Mødelokale', seats: 4 },
  { name: 'Netcafé', seats: 4 },
];

export const OFFICES: readonly OfficeSeed[] = [
  {
    code: 'kobenhavn', name: 'Metal København', kind: 'main', departmentCode: 'storkobenhavn',
    town: 'København', municipalityCode: '0101', lat: 55.6711, lon: 12.5653, island: null,
    address: { street: 'Vesterbrogade 112', postcode: '1620', city: 'København V' },
    rooms: LARGE_MAIN_ROOMS, openingHours: MAIN_HOURS, isHeadOffice: true,
  },
  {
    code: 'hillerod', name: 'Metal Hillerød', kind: 'main', departmentCode: 'hovedstaden',
    town: 'Hillerød', municipalityCode: '0219', lat: 55.9279, lon: 12.3008, island: null,
    address: { street: 'Slotsgade 20', postcode: '3400', city: 'Hillerød' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'hvidovre', name: 'Metal Hvidovre', kind: 'main', departmentCode: 'afdeling-16',
    town: 'Hvidovre', municipalityCode: '0167', lat: 55.6572, lon: 12.4736, island: null,
    address: { street: 'Hvidovrevej 180', postcode: '2650', city: 'Hvidovre' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'rodovre', name: 'Metal Rødovre', kind: 'main', departmentCode: 'tele-ost',
    town: 'Rødovre', municipalityCode: '0175', lat: 55.6810, lon: 12.4540, island: null,
    address: { street: 'Rødovrevej 240', postcode: '2610', city: 'Rødovre' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'kastrup', name: 'Metal Kastrup', kind: 'main', departmentCode: 'maritime-afdeling',
    town: 'Kastrup', municipalityCode: '0185', lat: 55.6340, lon: 12.6460, island: null,
    address: { street: 'Amager Landevej 120', postcode: '2770', city: 'Kastrup' },
    rooms: SMALL_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'helsingor', name: 'Metal Helsingør', kind: 'main', departmentCode: 'nordsjaelland',
    town: 'Helsingør', municipalityCode: '0217', lat: 56.0361, lon: 12.6136, island: null,
    address: { street: 'Stengade 40', postcode: '3000', city: 'Helsingør' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'frederiksvaerk', name: 'Metal Frederiksværk (satellit)', kind: 'satellite', departmentCode: 'nordsjaelland',
    town: 'Frederiksværk', municipalityCode: '0260', lat: 55.9700, lon: 12.0230, island: null,
    address: { street: 'Nørregade 12', postcode: '3300', city: 'Frederiksværk' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'roskilde', name: 'Metal Roskilde', kind: 'main', departmentCode: 'fjordbyerne',
    town: 'Roskilde', municipalityCode: '0265', lat: 55.6415, lon: 12.0803, island: null,
    address: { street: 'Algade 30', postcode: '4000', city: 'Roskilde' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'holbaek', name: 'Metal Holbæk (satellit)', kind: 'satellite', departmentCode: 'fjordbyerne',
    town: 'Holbæk', municipalityCode: '0316', lat: 55.7175, lon: 11.7128, island: null,
    address: { street: 'Ahlgade 15', postcode: '4300', city: 'Holbæk' },
    rooms: SATELLITE_ROOMS_WITH_NETCAFE, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'nykobing-sjaelland', name: 'Metal Nykøbing Sjælland (satellit)', kind: 'satellite', departmentCode: 'fjordbyerne',
    town: 'Nykøbing Sjælland', municipalityCode: '0306', lat: 55.9250, lon: 11.6710, island: null,
    address: { street: 'Algade 8', postcode: '4500', city: 'Nykøbing Sj' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'slagelse', name: 'Metal Slagelse', kind: 'main', departmentCode: 'midt-vestsjaelland',
    town: 'Slagelse', municipalityCode: '0330', lat: 55.4028, lon: 11.3546, island: null,
    address: { street: 'Jernbanegade 10', postcode: '4200', city: 'Slagelse' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'kalundborg', name: 'Metal Kalundborg (satellit)', kind: 'satellite', departmentCode: 'midt-vestsjaelland',
    town: 'Kalundborg', municipalityCode: '0326', lat: 55.6795, lon: 11.0886, island: null,
    address: { street: 'Kordilgade 20', postcode: '4400', city: 'Kalundborg' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'ringsted', name: 'Metal Ringsted (satellit)', kind: 'satellite', departmentCode: 'midt-vestsjaelland',
    town: 'Ringsted', municipalityCode: '0329', lat: 55.4426, lon: 11.7901, island: null,
    address: { street: 'Nørregade 25', postcode: '4100', city: 'Ringsted' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'naestved', name: 'Metal Næstved', kind: 'main', departmentCode: 'storstrom',
    town: 'Næstved', municipalityCode: '0370', lat: 55.2299, lon: 11.7609, island: null,
    address: { street: 'Axeltorv 6', postcode: '4700', city: 'Næstved' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'vordingborg', name: 'Metal Vordingborg (satellit)', kind: 'satellite', departmentCode: 'storstrom',
    town: 'Vordingborg', municipalityCode: '0390', lat: 55.0080, lon: 11.9106, island: null,
    address: { street: 'Algade 50', postcode: '4760', city: 'Vordingborg' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'maribo', name: 'Metal Maribo (satellit)', kind: 'satellite', departmentCode: 'storstrom',
    town: 'Maribo', municipalityCode: '0360', lat: 54.7760, lon: 11.5000, island: null,
    address: { street: 'Vestergade 7', postcode: '4930', city: 'Maribo' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'koge', name: 'Metal Køge', kind: 'main', departmentCode: 'sydost',
    town: 'Køge', municipalityCode: '0259', lat: 55.4580, lon: 12.1821, island: null,
    address: { street: 'Nørregade 30', postcode: '4600', city: 'Køge' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'ronne', name: 'Metal Rønne', kind: 'main', departmentCode: 'bornholm',
    town: 'Rønne', municipalityCode: '0400', lat: 55.1009, lon: 14.7066, island: 'bornholm',
    address: { street: 'Store Torv 10', postcode: '3700', city: 'Rønne' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'odense', name: 'Metal Odense', kind: 'main', departmentCode: 'odense',
    town: 'Odense', municipalityCode: '0461', lat: 55.3959, lon: 10.3883, island: null,
    address: { street: 'Vestergade 60', postcode: '5000', city: 'Odense C' },
    rooms: LARGE_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'nyborg', name: 'Metal Nyborg (satellit)', kind: 'satellite', departmentCode: 'odense',
    town: 'Nyborg', municipalityCode: '0450', lat: 55.3127, lon: 10.7896, island: null,
    address: { street: 'Kongegade 10', postcode: '5800', city: 'Nyborg' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'svendborg', name: 'Metal Svendborg', kind: 'main', departmentCode: 'sydfyn',
    town: 'Svendborg', municipalityCode: '0479', lat: 55.0598, lon: 10.6068, island: null,
    address: { street: 'Gerritsgade 20', postcode: '5700', city: 'Svendborg' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'faaborg', name: 'Metal Faaborg (satellit)', kind: 'satellite', departmentCode: 'sydfyn',
    town: 'Faaborg', municipalityCode: '0430', lat: 55.0951, lon: 10.2423, island: null,
    address: { street: 'Østergade 5', postcode: '5600', city: 'Faaborg' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'ringe', name: 'Metal Ringe (satellit)', kind: 'satellite', departmentCode: 'sydfyn',
    town: 'Ringe', municipalityCode: '0430', lat: 55.2380, lon: 10.4780, island: null,
    address: { street: 'Algade 22', postcode: '5750', city: 'Ringe' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'rudkobing', name: 'Metal Rudkøbing (satellit)', kind: 'satellite', departmentCode: 'sydfyn',
    town: 'Rudkøbing', municipalityCode: '0482', lat: 54.9360, lon: 10.7100, island: null,
    address: { street: 'Brogade 3', postcode: '5900', city: 'Rudkøbing' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_WEDNESDAY_HOURS,
  },
  {
    code: 'fredericia', name: 'Metal Fredericia', kind: 'main', departmentCode: 'lillebaelt',
    town: 'Fredericia', municipalityCode: '0607', lat: 55.5657, lon: 9.7526, island: null,
    address: { street: 'Gothersgade 30', postcode: '7000', city: 'Fredericia' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS, isContactCentre: true,
  },
  {
    code: 'assens', name: 'Metal Assens (satellit)', kind: 'satellite', departmentCode: 'lillebaelt',
    town: 'Assens', municipalityCode: '0420', lat: 55.2702, lon: 9.9008, island: null,
    address: { street: 'Østergade 15', postcode: '5610', city: 'Assens' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'sonderborg', name: 'Metal Sønderborg', kind: 'main', departmentCode: 'sonderjylland',
    town: 'Sønderborg', municipalityCode: '0540', lat: 54.9090, lon: 9.7892, island: null,
    address: { street: 'Perlegade 40', postcode: '6400', city: 'Sønderborg' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'tonder', name: 'Metal Tønder (satellit)', kind: 'satellite', departmentCode: 'sonderjylland',
    town: 'Tønder', municipalityCode: '0550', lat: 54.9331, lon: 8.8667, island: null,
    address: { street: 'Storegade 12', postcode: '6270', city: 'Tønder' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'rodekro', name: 'Metal Rødekro (satellit)', kind: 'satellite', departmentCode: 'sonderjylland',
    town: 'Rødekro', municipalityCode: '0580', lat: 55.0700, lon: 9.3350, island: null,
    address: { street: 'Hovedgaden 20', postcode: '6230', city: 'Rødekro' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'kolding', name: 'Metal Kolding', kind: 'main', departmentCode: 'kolding-vejen-vojens',
    town: 'Kolding', municipalityCode: '0621', lat: 55.4904, lon: 9.4722, island: null,
    address: { street: 'Jernbanegade 20', postcode: '6000', city: 'Kolding' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'haderslev', name: 'Metal Haderslev (satellit)', kind: 'satellite', departmentCode: 'kolding-vejen-vojens',
    town: 'Haderslev', municipalityCode: '0510', lat: 55.2494, lon: 9.4877, island: null,
    address: { street: 'Nørregade 30', postcode: '6100', city: 'Haderslev' },
    rooms: SATELLITE_ROOMS_WITH_NETCAFE, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'vejle', name: 'Metal Vejle', kind: 'main', departmentCode: 'vejle-grindsted',
    town: 'Vejle', municipalityCode: '0630', lat: 55.7093, lon: 9.5357, island: null,
    address: { street: 'Dæmningen 20', postcode: '7100', city: 'Vejle' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'grindsted', name: 'Metal Grindsted (satellit)', kind: 'satellite', departmentCode: 'vejle-grindsted',
    town: 'Grindsted', municipalityCode: '0530', lat: 55.7573, lon: 8.9275, island: null,
    address: { street: 'Vestergade 10', postcode: '7200', city: 'Grindsted' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'horsens', name: 'Metal Horsens', kind: 'main', departmentCode: 'horsens',
    town: 'Horsens', municipalityCode: '0615', lat: 55.8607, lon: 9.8503, island: null,
    address: { street: 'Søndergade 30', postcode: '8700', city: 'Horsens' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'skanderborg', name: 'Metal Skanderborg', kind: 'main', departmentCode: 'skanderborg-odder',
    town: 'Skanderborg', municipalityCode: '0746', lat: 56.0343, lon: 9.9318, island: null,
    address: { street: 'Adelgade 50', postcode: '8660', city: 'Skanderborg' },
    rooms: SMALL_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'aarhus', name: 'Metal Aarhus', kind: 'main', departmentCode: 'ostjylland',
    town: 'Aarhus', municipalityCode: '0751', lat: 56.1567, lon: 10.2108, island: null,
    address: { street: 'Søndergade 40', postcode: '8000', city: 'Aarhus C' },
    rooms: LARGE_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'aarhus-nord', name: 'Metal Aarhus Nord (satellit)', kind: 'satellite', departmentCode: 'tele-vest',
    town: 'Aarhus', municipalityCode: '0751', lat: 56.1720, lon: 10.1890, island: null, // approx
    address: { street: 'Finlandsgade 20', postcode: '8200', city: 'Aarhus N' },
    rooms: SATELLITE_ROOMS_WITH_NETCAFE, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'randers', name: 'Metal Randers (satellit)', kind: 'satellite', departmentCode: 'ostjylland',
    town: 'Randers', municipalityCode: '0730', lat: 56.4607, lon: 10.0364, island: null,
    address: { street: 'Vestergade 15', postcode: '8900', city: 'Randers C' },
    rooms: SATELLITE_ROOMS_WITH_NETCAFE, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'grenaa', name: 'Metal Grenaa (satellit)', kind: 'satellite', departmentCode: 'ostjylland',
    town: 'Grenaa', municipalityCode: '0707', lat: 56.4158, lon: 10.8782, island: null,
    address: { street: 'Torvet 5', postcode: '8500', city: 'Grenaa' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'silkeborg', name: 'Metal Silkeborg', kind: 'main', departmentCode: 'bjerringbro-silkeborg',
    town: 'Silkeborg', municipalityCode: '0740', lat: 56.1697, lon: 9.5451, island: null,
    address: { street: 'Vestergade 20', postcode: '8600', city: 'Silkeborg' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'herning', name: 'Metal Herning', kind: 'main', departmentCode: 'herning',
    town: 'Herning', municipalityCode: '0657', lat: 56.1362, lon: 8.9766, island: null,
    address: { street: 'Bredgade 30', postcode: '7400', city: 'Herning' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'esbjerg', name: 'Metal Esbjerg', kind: 'main', departmentCode: 'vest',
    town: 'Esbjerg', municipalityCode: '0561', lat: 55.4703, lon: 8.4519, island: null,
    address: { street: 'Kongensgade 60', postcode: '6700', city: 'Esbjerg' },
    rooms: LARGE_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'ringkobing', name: 'Metal Ringkøbing', kind: 'main', departmentCode: 'skjern-ringkobing',
    town: 'Ringkøbing', municipalityCode: '0760', lat: 56.0901, lon: 8.2440, island: null,
    address: { street: 'Algade 10', postcode: '6950', city: 'Ringkøbing' },
    rooms: SMALL_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'holstebro', name: 'Metal Holstebro', kind: 'main', departmentCode: 'nordvestjylland',
    town: 'Holstebro', municipalityCode: '0661', lat: 56.3601, lon: 8.6161, island: null,
    address: { street: 'Nørregade 20', postcode: '7500', city: 'Holstebro' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'lemvig', name: 'Metal Lemvig (satellit)', kind: 'satellite', departmentCode: 'nordvestjylland',
    town: 'Lemvig', municipalityCode: '0665', lat: 56.5486, lon: 8.3102, island: null,
    address: { street: 'Østergade 8', postcode: '7620', city: 'Lemvig' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'viborg', name: 'Metal Viborg', kind: 'main', departmentCode: 'midt-skive-viborg',
    town: 'Viborg', municipalityCode: '0791', lat: 56.4532, lon: 9.4020, island: null,
    address: { street: 'Sankt Mathias Gade 30', postcode: '8800', city: 'Viborg' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'skive', name: 'Metal Skive (satellit)', kind: 'satellite', departmentCode: 'midt-skive-viborg',
    town: 'Skive', municipalityCode: '0779', lat: 56.5670, lon: 9.0271, island: null,
    address: { street: 'Adelgade 20', postcode: '7800', city: 'Skive' },
    rooms: SATELLITE_ROOMS_WITH_NETCAFE, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'thisted', name: 'Metal Thisted', kind: 'main', departmentCode: 'thy-mors',
    town: 'Thisted', municipalityCode: '0787', lat: 56.9552, lon: 8.6949, island: null,
    address: { street: 'Storegade 20', postcode: '7700', city: 'Thisted' },
    rooms: SMALL_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'hobro', name: 'Metal Hobro', kind: 'main', departmentCode: 'himmerland',
    town: 'Hobro', municipalityCode: '0846', lat: 56.6431, lon: 9.7903, island: null,
    address: { street: 'Adelgade 40', postcode: '9500', city: 'Hobro' },
    rooms: SMALL_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'logstor', name: 'Metal Løgstør (satellit)', kind: 'satellite', departmentCode: 'himmerland',
    town: 'Løgstør', municipalityCode: '0820', lat: 56.9670, lon: 9.2540, island: null,
    address: { street: 'Østergade 10', postcode: '9670', city: 'Løgstør' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_WEDNESDAY_HOURS,
  },
  {
    code: 'aalborg', name: 'Metal Aalborg', kind: 'main', departmentCode: 'aalborg',
    town: 'Aalborg', municipalityCode: '0851', lat: 57.0480, lon: 9.9187, island: null,
    address: { street: 'Boulevarden 20', postcode: '9000', city: 'Aalborg' },
    rooms: LARGE_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'hjorring', name: 'Metal Hjørring', kind: 'main', departmentCode: 'vendsyssel',
    town: 'Hjørring', municipalityCode: '0860', lat: 57.4642, lon: 9.9823, island: null,
    address: { street: 'Østergade 20', postcode: '9800', city: 'Hjørring' },
    rooms: MEDIUM_MAIN_ROOMS, openingHours: MAIN_HOURS,
  },
  {
    code: 'frederikshavn', name: 'Metal Frederikshavn (satellit)', kind: 'satellite', departmentCode: 'vendsyssel',
    town: 'Frederikshavn', municipalityCode: '0813', lat: 57.4407, lon: 10.5366, island: null,
    address: { street: 'Danmarksgade 30', postcode: '9900', city: 'Frederikshavn' },
    rooms: SATELLITE_ROOMS_WITH_NETCAFE, openingHours: SATELLITE_HOURS,
  },
  {
    code: 'skagen', name: 'Metal Skagen (satellit)', kind: 'satellite', departmentCode: 'vendsyssel',
    town: 'Skagen', municipalityCode: '0813', lat: 57.7210, lon: 10.5840, island: null,
    address: { street: 'Sankt Laurentii Vej 40', postcode: '9990', city: 'Skagen' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_WEDNESDAY_HOURS,
  },
  {
    code: 'bronderslev', name: 'Metal Brønderslev (satellit)', kind: 'satellite', departmentCode: 'vendsyssel',
    town: 'Brønderslev', municipalityCode: '0810', lat: 57.2702, lon: 9.9410, island: null,
    address: { street: 'Algade 20', postcode: '9700', city: 'Brønderslev' },
    rooms: SATELLITE_ROOMS, openingHours: SATELLITE_HOURS,
  },
];
