/** Islands without a bridge to the mainland; Zealand, Funen and Lolland-Falster count as mainland. */
export const ISLANDS = ['bornholm', 'laeso', 'samso', 'fano', 'aero'] as const;
export type Island = (typeof ISLANDS)[number];

export interface LatLon {
  lat: number;
  lon: number;
}

/** A place for planning: coordinates and the landmass it stands on. */
export interface GeoPoint extends LatLon {
  /** Set for places on an island without a bridge; null (or left out) on the bridged mainland. */
  island?: Island | string | null;
}

/**
 * How far from home (km, straight line) a member or a leader is sent unless told otherwise: the optimiser's
 * default and the allocation's default for staff with a home office.
 */
export const DEFAULT_MAX_TRAVEL_KM = 60;

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in km: close enough to rank offices; road distances are longer. */
export function haversineKm(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Cheap test that rules out points certainly farther than `km` before the exact distance is computed. */
export function mayBeWithinKm(a: LatLon, b: LatLon, km: number): boolean {
  const latSpan = km / 110.5;
  if (Math.abs(a.lat - b.lat) > latSpan) return false;
  const cosLat = Math.cos(Math.max(Math.abs(a.lat), Math.abs(b.lat)) * RAD + latSpan * RAD);
  return Math.abs(a.lon - b.lon) * 111.0 * Math.max(cosLat, 0.01) <= km * 1.01;
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

/** The ferry rule: two places are on the same landmass when both are on the mainland or on the same island. */
export function sameLandmass(a: GeoPoint, b: GeoPoint): boolean {
  return (a.island ?? null) === (b.island ?? null);
}

function ferryPenaltyKm(island: GeoPoint['island']): number {
  return island ? (FERRY_PENALTY_KM[island as Island] ?? 0) : 0;
}

/** Travel distance for planning: straight line, plus a ferry penalty for each island end that differs. */
export function travelKm(from: GeoPoint, to: GeoPoint): number {
  const straight = haversineKm(from, to);
  if (sameLandmass(from, to)) return straight;
  return straight + ferryPenaltyKm(from.island) + ferryPenaltyKm(to.island);
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
