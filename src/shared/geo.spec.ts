import fc from 'fast-check';
import { haversineKm, mayBeWithinKm, nearest, sameLandmass, travelKm, type GeoPoint } from './geo.js';

const copenhagen: GeoPoint = { lat: 55.6711, lon: 12.5653, island: null };
const aarhus: GeoPoint = { lat: 56.1567, lon: 10.2108, island: null };
const ronne: GeoPoint = { lat: 55.1009, lon: 14.7066, island: 'bornholm' };
const esbjerg: GeoPoint = { lat: 55.4703, lon: 8.4519, island: null };
const nordby: GeoPoint = { lat: 55.4447, lon: 8.3979, island: 'fano' };

describe('geo', () => {
  it('measures København–Aarhus as about 157 km in a straight line', () => {
    expect(haversineKm(copenhagen, aarhus)).toBeGreaterThan(150);
    expect(haversineKm(copenhagen, aarhus)).toBeLessThan(165);
  });

  it('adds a ferry penalty when crossing to or from an island', () => {
    expect(travelKm(ronne, copenhagen)).toBeGreaterThan(haversineKm(ronne, copenhagen) + 100);
    expect(travelKm(nordby, esbjerg) - haversineKm(nordby, esbjerg)).toBeCloseTo(15);
    expect(travelKm(copenhagen, aarhus)).toBeCloseTo(haversineKm(copenhagen, aarhus));
  });

  it('sends a Bornholm member to Rønne, not to the nearer-looking mainland', () => {
    const member: GeoPoint = { lat: 55.15, lon: 14.9, island: 'bornholm' };
    expect(nearest(member, [copenhagen, ronne, aarhus])).toBe(ronne);
    expect(nearest(member, [])).toBeUndefined();
  });

  it('is symmetric and zero on the diagonal', () => {
    const point = fc.record({
      lat: fc.double({ min: 54.5, max: 57.8, noNaN: true }),
      lon: fc.double({ min: 8, max: 15.2, noNaN: true }),
    });
    fc.assert(
      fc.property(point, point, (a, b) => {
        expect(haversineKm(a, b)).toBeCloseTo(haversineKm(b, a), 9);
        expect(haversineKm(a, a)).toBe(0);
      }),
    );
  });

  it('the ferry rule: the mainland is the same landmass whether written null or left out; islands only match themselves', () => {
    expect(sameLandmass({ lat: 0, lon: 0 }, copenhagen)).toBe(true);
    expect(sameLandmass(ronne, { lat: 55, lon: 14.8, island: 'bornholm' })).toBe(true);
    expect(sameLandmass(ronne, nordby)).toBe(false);
    expect(sameLandmass(ronne, { lat: 55, lon: 14.8 })).toBe(false);
  });

  it('mayBeWithinKm never rules out a point that is within the distance', () => {
    const point = fc.record({
      lat: fc.double({ min: 54.5, max: 57.8, noNaN: true }),
      lon: fc.double({ min: 8, max: 15.2, noNaN: true }),
    });
    fc.assert(
      fc.property(point, point, fc.double({ min: 1, max: 300, noNaN: true }), (a, b, km) => {
        if (haversineKm(a, b) <= km) expect(mayBeWithinKm(a, b, km)).toBe(true);
      }),
    );
  });
});
