/**
 * The fund's 55 office towns (54 from the fund's office map plus Nykøbing Falster), WGS84 town centres.
 * `main` marks the 30 largest towns as main offices; Rønne is on Bornholm (no fixed link).
 */
export interface OfficeTown {
  town: string;
  lat: number;
  lon: number;
  main: boolean;
  island?: string;
}

export const DANISH_OFFICE_TOWNS: readonly OfficeTown[] = [
  { town: 'København', lat: 55.6711, lon: 12.5653, main: true },
  { town: 'Aarhus', lat: 56.1567, lon: 10.2108, main: true },
  { town: 'Odense', lat: 55.3959, lon: 10.3883, main: true },
  { town: 'Aalborg', lat: 57.048, lon: 9.9187, main: true },
  { town: 'Esbjerg', lat: 55.4703, lon: 8.4519, main: true },
  { town: 'Rønne', lat: 55.1009, lon: 14.7066, main: true, island: 'Bornholm' },
  { town: 'Herning', lat: 56.1362, lon: 8.9766, main: true },
  { town: 'Fredericia', lat: 55.5657, lon: 9.7526, main: true },
  { town: 'Kolding', lat: 55.4904, lon: 9.4722, main: true },
  { town: 'Vejle', lat: 55.7093, lon: 9.5357, main: true },
  { town: 'Horsens', lat: 55.8607, lon: 9.8503, main: true },
  { town: 'Randers', lat: 56.4607, lon: 10.0364, main: true },
  { town: 'Viborg', lat: 56.4532, lon: 9.402, main: true },
  { town: 'Silkeborg', lat: 56.1697, lon: 9.5451, main: true },
  { town: 'Holstebro', lat: 56.3601, lon: 8.6161, main: true },
  { town: 'Næstved', lat: 55.2299, lon: 11.7609, main: true },
  { town: 'Roskilde', lat: 55.6415, lon: 12.0803, main: true },
  { town: 'Hillerød', lat: 55.9279, lon: 12.3008, main: true },
  { town: 'Helsingør', lat: 56.0361, lon: 12.6136, main: true },
  { town: 'Slagelse', lat: 55.4028, lon: 11.3546, main: true },
  { town: 'Svendborg', lat: 55.0598, lon: 10.6068, main: true },
  { town: 'Sønderborg', lat: 54.909, lon: 9.7892, main: true },
  { town: 'Frederikshavn', lat: 57.4407, lon: 10.5366, main: true },
  { town: 'Hjørring', lat: 57.4642, lon: 9.9823, main: true },
  { town: 'Thisted', lat: 56.9552, lon: 8.6949, main: true },
  { town: 'Skive', lat: 56.567, lon: 9.0271, main: true },
  { town: 'Holbæk', lat: 55.7175, lon: 11.7128, main: true },
  { town: 'Køge', lat: 55.458, lon: 12.1821, main: true },
  { town: 'Haderslev', lat: 55.2494, lon: 9.4877, main: true },
  { town: 'Nykøbing Falster', lat: 54.7691, lon: 11.8742, main: true },
  { town: 'Tønder', lat: 54.9331, lon: 8.8667, main: false },
  { town: 'Ringkøbing', lat: 56.0901, lon: 8.244, main: false },
  { town: 'Lemvig', lat: 56.5486, lon: 8.3102, main: false },
  { town: 'Grenaa', lat: 56.4158, lon: 10.8782, main: false },
  { town: 'Nyborg', lat: 55.3127, lon: 10.7896, main: false },
  { town: 'Faaborg', lat: 55.0951, lon: 10.2423, main: false },
  { town: 'Assens', lat: 55.2702, lon: 9.9008, main: false },
  { town: 'Kalundborg', lat: 55.6795, lon: 11.0886, main: false },
  { town: 'Ringsted', lat: 55.4426, lon: 11.7901, main: false },
  { town: 'Vordingborg', lat: 55.008, lon: 11.9106, main: false },
  { town: 'Hobro', lat: 56.6431, lon: 9.7903, main: false },
  { town: 'Brønderslev', lat: 57.2702, lon: 9.941, main: false },
  { town: 'Grindsted', lat: 55.7573, lon: 8.9275, main: false },
  { town: 'Skanderborg', lat: 56.0343, lon: 9.9318, main: false },
  { town: 'Hvidovre', lat: 55.6572, lon: 12.4736, main: false },
  { town: 'Maribo', lat: 54.776, lon: 11.5, main: false },
  { town: 'Rudkøbing', lat: 54.936, lon: 10.71, main: false },
  { town: 'Ringe', lat: 55.238, lon: 10.478, main: false },
  { town: 'Skagen', lat: 57.721, lon: 10.584, main: false },
  { town: 'Rødekro', lat: 55.07, lon: 9.335, main: false },
  { town: 'Nykøbing Sjælland', lat: 55.925, lon: 11.671, main: false },
  { town: 'Kastrup', lat: 55.634, lon: 12.646, main: false },
  { town: 'Rødovre', lat: 55.681, lon: 12.454, main: false },
  { town: 'Frederiksværk', lat: 55.97, lon: 12.023, main: false },
  { town: 'Løgstør', lat: 56.967, lon: 9.254, main: false },
];

/** Public holidays and agreed closure days (Grundlovsdag, 24 and 31 December) for 2026–2027. */
export const DANISH_CLOSURE_DATES_2026_2027: readonly string[] = [
  '2026-01-01', '2026-04-02', '2026-04-03', '2026-04-05', '2026-04-06', '2026-05-14', '2026-05-24', '2026-05-25',
  '2026-06-05', '2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31',
  '2027-01-01', '2027-03-25', '2027-03-26', '2027-03-28', '2027-03-29', '2027-05-06', '2027-05-16', '2027-05-17',
  '2027-06-05', '2027-12-24', '2027-12-25', '2027-12-26', '2027-12-31',
];
