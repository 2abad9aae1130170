import { type MunicipalitySeed } from './seed-types.js';

// The 98 Danish municipalities with their region, as data in the code: the service reads no file outside the
// repository at run time. contactCourseTrial2020 is false for the 15 free municipalities (frikommuner) that ran
// their own trial. lat/lon are those of the main town: the namesake town, or the town hall's town where the name
// is not a town's (Faaborg-Midtfyn → Ringe, Lolland → Maribo, Furesø → Værløse …). Rows marked approx are
// estimated positions, accurate to a few kilometres.

const NORDJYLLAND = { regionCode: '1081', regionName: 'Region Nordjylland' } as const;
const MIDTJYLLAND = { regionCode: '1082', regionName: 'Region Midtjylland' } as const;
const SYDDANMARK = { regionCode: '1083', regionName: 'Region Syddanmark' } as const;
const HOVEDSTADEN = { regionCode: '1084', regionName: 'Region Hovedstaden' } as const;
const SJAELLAND = { regionCode: '1085', regionName: 'Region Sjælland' } as const;

export const MUNICIPALITIES: readonly MunicipalitySeed[] = [
  { code: '0101', name: 'København', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'København', lat: 55.6711, lon: 12.5653, island: null },
  { code: '0147', name: 'Frederiksberg', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Frederiksberg', lat: 55.6786, lon: 12.5317, island: null }, // approx
  { code: '0151', name: 'Ballerup', ...HOVEDSTADEN, contactCourseTrial2020: false, scheme2027: 'frit valg', mainTown: 'Ballerup', lat: 55.7317, lon: 12.3633, island: null },
  { code: '0153', name: 'Brøndby', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Brøndby', lat: 55.6500, lon: 12.4190, island: null }, // approx
  { code: '0155', name: 'Dragør', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Dragør', lat: 55.5937, lon: 12.6707, island: null }, // approx
  { code: '0157', name: 'Gentofte', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Gentofte', lat: 55.7500, lon: 12.5500, island: null }, // approx
  { code: '0159', name: 'Gladsaxe', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Søborg', lat: 55.7333, lon: 12.4906, island: null }, // approx
  { code: '0161', name: 'Glostrup', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Glostrup', lat: 55.6666, lon: 12.4038, island: null },
  { code: '0163', name: 'Herlev', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Herlev', lat: 55.7237, lon: 12.4398, island: null }, // approx
  { code: '0165', name: 'Albertslund', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Albertslund', lat: 55.6569, lon: 12.3638, island: null }, // approx
  { code: '0167', name: 'Hvidovre', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Hvidovre', lat: 55.6572, lon: 12.4736, island: null },
  { code: '0169', name: 'Høje-Taastrup', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Taastrup', lat: 55.6501, lon: 12.3016, island: null },
  { code: '0173', name: 'Lyngby-Taarbæk', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Kongens Lyngby', lat: 55.7704, lon: 12.5038, island: null },
  { code: '0175', name: 'Rødovre', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Rødovre', lat: 55.6810, lon: 12.4540, island: null },
  { code: '0183', name: 'Ishøj', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Ishøj', lat: 55.6150, lon: 12.3520, island: null }, // approx
  { code: '0185', name: 'Tårnby', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Tårnby', lat: 55.6303, lon: 12.6003, island: null }, // approx
  { code: '0187', name: 'Vallensbæk', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Vallensbæk', lat: 55.6236, lon: 12.3836, island: null }, // approx
  { code: '0190', name: 'Furesø', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Værløse', lat: 55.7822, lon: 12.3717, island: null }, // approx
  { code: '0201', name: 'Allerød', ...HOVEDSTADEN, contactCourseTrial2020: false, scheme2027: 'a-kasse 4 mdr', mainTown: 'Allerød', lat: 55.8712, lon: 12.3575, island: null }, // approx
  { code: '0210', name: 'Fredensborg', ...HOVEDSTADEN, contactCourseTrial2020: false, scheme2027: 'a-kasse 4 mdr', mainTown: 'Fredensborg', lat: 55.9757, lon: 12.4027, island: null }, // approx
  { code: '0217', name: 'Helsingør', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Helsingør', lat: 56.0361, lon: 12.6136, island: null },
  { code: '0219', name: 'Hillerød', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Hillerød', lat: 55.9279, lon: 12.3008, island: null },
  { code: '0223', name: 'Hørsholm', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Hørsholm', lat: 55.8808, lon: 12.5012, island: null }, // approx
  { code: '0230', name: 'Rudersdal', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Holte', lat: 55.8085, lon: 12.4713, island: null }, // approx
  { code: '0240', name: 'Egedal', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Stenløse', lat: 55.7686, lon: 12.1936, island: null }, // approx
  { code: '0250', name: 'Frederikssund', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Frederikssund', lat: 55.8396, lon: 12.0690, island: null },
  { code: '0253', name: 'Greve', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Greve Strand', lat: 55.5833, lon: 12.3000, island: null }, // approx
  { code: '0259', name: 'Køge', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Køge', lat: 55.4580, lon: 12.1821, island: null },
  { code: '0260', name: 'Halsnæs', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Frederiksværk', lat: 55.9700, lon: 12.0230, island: null },
  { code: '0265', name: 'Roskilde', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Roskilde', lat: 55.6415, lon: 12.0803, island: null },
  { code: '0269', name: 'Solrød', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Solrød Strand', lat: 55.5333, lon: 12.2167, island: null }, // approx
  { code: '0270', name: 'Gribskov', ...HOVEDSTADEN, contactCourseTrial2020: false, scheme2027: 'a-kasse 4 mdr', mainTown: 'Helsinge', lat: 56.0228, lon: 12.1975, island: null }, // approx
  { code: '0306', name: 'Odsherred', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Nykøbing Sjælland', lat: 55.9250, lon: 11.6710, island: null },
  { code: '0316', name: 'Holbæk', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Holbæk', lat: 55.7175, lon: 11.7128, island: null },
  { code: '0320', name: 'Faxe', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Faxe', lat: 55.2556, lon: 12.1186, island: null }, // approx
  { code: '0326', name: 'Kalundborg', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Kalundborg', lat: 55.6795, lon: 11.0886, island: null },
  { code: '0329', name: 'Ringsted', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Ringsted', lat: 55.4426, lon: 11.7901, island: null },
  { code: '0330', name: 'Slagelse', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Slagelse', lat: 55.4028, lon: 11.3546, island: null },
  { code: '0336', name: 'Stevns', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Store Heddinge', lat: 55.3097, lon: 12.3889, island: null }, // approx
  { code: '0340', name: 'Sorø', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Sorø', lat: 55.4319, lon: 11.5556, island: null }, // approx
  { code: '0350', name: 'Lejre', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Lejre', lat: 55.6047, lon: 11.9747, island: null }, // approx
  { code: '0360', name: 'Lolland', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Maribo', lat: 54.7760, lon: 11.5000, island: null },
  { code: '0370', name: 'Næstved', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Næstved', lat: 55.2299, lon: 11.7609, island: null },
  { code: '0376', name: 'Guldborgsund', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Nykøbing Falster', lat: 54.7691, lon: 11.8742, island: null },
  { code: '0390', name: 'Vordingborg', ...SJAELLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Vordingborg', lat: 55.0080, lon: 11.9106, island: null },
  { code: '0400', name: 'Bornholm', ...HOVEDSTADEN, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Rønne', lat: 55.1009, lon: 14.7066, island: 'bornholm' },
  { code: '0410', name: 'Middelfart', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Middelfart', lat: 55.5059, lon: 9.7305, island: null },
  { code: '0420', name: 'Assens', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Assens', lat: 55.2702, lon: 9.9008, island: null },
  { code: '0430', name: 'Faaborg-Midtfyn', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Ringe', lat: 55.2380, lon: 10.4780, island: null },
  { code: '0440', name: 'Kerteminde', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Kerteminde', lat: 55.4490, lon: 10.6577, island: null },
  { code: '0450', name: 'Nyborg', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Nyborg', lat: 55.3127, lon: 10.7896, island: null },
  { code: '0461', name: 'Odense', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Odense', lat: 55.3959, lon: 10.3883, island: null },
  { code: '0479', name: 'Svendborg', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Svendborg', lat: 55.0598, lon: 10.6068, island: null },
  { code: '0480', name: 'Nordfyns', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Bogense', lat: 55.5669, lon: 10.0886, island: null },
  { code: '0482', name: 'Langeland', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Rudkøbing', lat: 54.9360, lon: 10.7100, island: null },
  { code: '0492', name: 'Ærø', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'frit valg', mainTown: 'Ærøskøbing', lat: 54.8880, lon: 10.4120, island: 'aero' }, // approx
  { code: '0510', name: 'Haderslev', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Haderslev', lat: 55.2494, lon: 9.4877, island: null },
  { code: '0530', name: 'Billund', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Billund', lat: 55.7335, lon: 9.1078, island: null },
  { code: '0540', name: 'Sønderborg', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Sønderborg', lat: 54.9090, lon: 9.7892, island: null },
  { code: '0550', name: 'Tønder', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Tønder', lat: 54.9331, lon: 8.8667, island: null },
  { code: '0561', name: 'Esbjerg', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Esbjerg', lat: 55.4703, lon: 8.4519, island: null },
  { code: '0563', name: 'Fanø', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Nordby', lat: 55.4440, lon: 8.3970, island: 'fano' }, // approx
  { code: '0573', name: 'Varde', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Varde', lat: 55.6211, lon: 8.4807, island: null },
  { code: '0575', name: 'Vejen', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Vejen', lat: 55.4812, lon: 9.1380, island: null },
  { code: '0580', name: 'Aabenraa', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Aabenraa', lat: 55.0443, lon: 9.4174, island: null },
  { code: '0607', name: 'Fredericia', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Fredericia', lat: 55.5657, lon: 9.7526, island: null },
  { code: '0615', name: 'Horsens', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Horsens', lat: 55.8607, lon: 9.8503, island: null },
  { code: '0621', name: 'Kolding', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Kolding', lat: 55.4904, lon: 9.4722, island: null },
  { code: '0630', name: 'Vejle', ...SYDDANMARK, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Vejle', lat: 55.7093, lon: 9.5357, island: null },
  { code: '0657', name: 'Herning', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Herning', lat: 56.1362, lon: 8.9766, island: null },
  { code: '0661', name: 'Holstebro', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Holstebro', lat: 56.3601, lon: 8.6161, island: null },
  { code: '0665', name: 'Lemvig', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Lemvig', lat: 56.5486, lon: 8.3102, island: null },
  { code: '0671', name: 'Struer', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Struer', lat: 56.4920, lon: 8.5940, island: null },
  { code: '0706', name: 'Syddjurs', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Ebeltoft', lat: 56.1944, lon: 10.6821, island: null },
  { code: '0707', name: 'Norddjurs', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Grenaa', lat: 56.4158, lon: 10.8782, island: null },
  { code: '0710', name: 'Favrskov', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Hinnerup', lat: 56.2667, lon: 10.0667, island: null }, // approx
  { code: '0727', name: 'Odder', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Odder', lat: 55.9731, lon: 10.1530, island: null },
  { code: '0730', name: 'Randers', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Randers', lat: 56.4607, lon: 10.0364, island: null },
  { code: '0740', name: 'Silkeborg', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Silkeborg', lat: 56.1697, lon: 9.5451, island: null },
  { code: '0741', name: 'Samsø', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Tranebjerg', lat: 55.8333, lon: 10.5967, island: 'samso' }, // approx
  { code: '0746', name: 'Skanderborg', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Skanderborg', lat: 56.0343, lon: 9.9318, island: null },
  { code: '0751', name: 'Aarhus', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Aarhus', lat: 56.1567, lon: 10.2108, island: null },
  { code: '0756', name: 'Ikast-Brande', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Ikast', lat: 56.1388, lon: 9.1577, island: null },
  { code: '0760', name: 'Ringkøbing-Skjern', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Ringkøbing', lat: 56.0901, lon: 8.2440, island: null },
  { code: '0766', name: 'Hedensted', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Hedensted', lat: 55.7704, lon: 9.7011, island: null },
  { code: '0773', name: 'Morsø', ...NORDJYLLAND, contactCourseTrial2020: false, scheme2027: 'a-kasse 4 mdr', mainTown: 'Nykøbing Mors', lat: 56.7933, lon: 8.8528, island: null },
  { code: '0779', name: 'Skive', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Skive', lat: 56.5670, lon: 9.0271, island: null },
  { code: '0787', name: 'Thisted', ...NORDJYLLAND, contactCourseTrial2020: false, scheme2027: 'a-kasse 4 mdr', mainTown: 'Thisted', lat: 56.9552, lon: 8.6949, island: null },
  { code: '0791', name: 'Viborg', ...MIDTJYLLAND, contactCourseTrial2020: true, scheme2027: 'a-kasse 4 mdr', mainTown: 'Viborg', lat: 56.4532, lon: 9.4020, island: null },
  { code: '0810', name: 'Brønderslev', ...NORDJYLLAND, contactCourseTrial2020: false, scheme2027: 'a-kasse 4 mdr', mainTown: 'Brønderslev', lat: 57.2702, lon: 9.9410, island: null },
  { code: '0813', name: 'Frederikshavn', ...NORDJYLLAND, contactCourseTrial2020: false, scheme2027: 'a-kasse 4 mdr', mainTown: 'Frederikshavn', lat: 57.4407, lon: 10.5366, island: null },
  { code: '0820', name: 'Vesthimmerlands', ...NORDJYLLAND, contactCourseTrial2020: false, scheme2027: 'a-kasse 4 mdr', mainTown: 'Aars', lat: 56.8040, lon: 9.5144, island: null },
  { code: '0825', name: 'Læsø', ...NORDJYLLAND, contactCourseTrial2020: false, scheme2027: 'a-kasse 4 mdr', mainTown: 'Byrum', lat: 57.2547, lon: 11.0000, island: 'laeso' }, // approx
  { code: '0840', name: 'Rebild', ...NORDJYLLAND, contactCourseTrial2020: false, scheme2027: 'a-kasse 4 mdr', mainTown: 'Støvring', lat: 56.8867, lon: 9.8383, island: null }, // approx
  { code: '0846', name: 'Mariagerfjord', ...NORDJYLLAND, contactCourseTrial2020: false, scheme2027: 'a-kasse 4 mdr', mainTown: 'Hobro', lat: 56.6431, lon: 9.7903, island: null },
  { code: '0849', name: 'Jammerbugt', ...NORDJYLLAND, contactCourseTrial2020: false, scheme2027: 'a-kasse 4 mdr', mainTown: 'Aabybro', lat: 57.1625, lon: 9.7306, island: null }, // approx
  { code: '0851', name: 'Aalborg', ...NORDJYLLAND, contactCourseTrial2020: false, scheme2027: 'a-kasse 4 mdr', mainTown: 'Aalborg', lat: 57.0480, lon: 9.9187, island: null },
  { code: '0860', name: 'Hjørring', ...NORDJYLLAND, contactCourseTrial2020: false, scheme2027: 'a-kasse 4 mdr', mainTown: 'Hjørring', lat: 57.4642, lon: 9.9823, island: null },
];
