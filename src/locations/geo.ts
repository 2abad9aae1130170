import type { Island } from './seed/seed-types.js';

export type { Island };

export interface GeoPoint {
  lat: number;
  lon: number;
  /** Set for places on an island without a bridge; null on the bridged mainland (Jutland, Funen, Zealand, Lolland-Falster). */
  island: Island | null;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Straight-line distance in km between two coordinates. */
export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const toRad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLon = toRad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A ferry crossing counts as this many extra km, so an island member is sent across only when
 * nothing on their island serves them. Bornholm's crossing is long; Fanø's is twelve minutes.
 */
export const FERRY_PENALTY_KM: Record<Island, number> = {
  bornholm: 150,
  laeso: 90,
  samso: 75,
  aero: 60,
  fano: 15,
};

export function sameLandmass(a: GeoPoint, b: GeoPoint): boolean {
  return a.island === b.island;
}

/** Travel distance for planning: straight line, plus a ferry penalty for each island end that differs. */
export function travelKm(from: GeoPoint, to: GeoPoint): number {
  const straight = haversineKm(from, to);
  if (sameLandmass(from, to)) return straight;
  const penalty = (from.island ? FERRY_PENALTY_KM[from.island] : 0) + (to.island ? FERRY_PENALTY_KM[to.island] : 0);
  return straight + penalty;
}

/** The nearest place by travel distance, or undefined for an empty list. */
export function nearest<T extends GeoPoint>(from: GeoPoint, places: readonly T[]): T | undefined {
  let best: T | undefined;
  let bestKm = Number.POSITIVE_INFINITY;
  for (const place of places) {
    const km = travelKm(from, place);
    if (km < bestKm) {
      best = place;
      bestKm = km;
    }
  }
  return best;
}
