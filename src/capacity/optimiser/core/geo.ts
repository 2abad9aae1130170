import { type GeoPoint } from './types.js';

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in kilometres. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Cheap test that rules out points certainly farther than `km` before the exact distance is computed. */
export function mayBeWithinKm(a: GeoPoint, b: GeoPoint, km: number): boolean {
  const latSpan = km / 110.5;
  if (Math.abs(a.lat - b.lat) > latSpan) return false;
  const cosLat = Math.cos(Math.max(Math.abs(a.lat), Math.abs(b.lat)) * RAD + latSpan * RAD);
  return Math.abs(a.lon - b.lon) * 111.0 * Math.max(cosLat, 0.01) <= km * 1.01;
}
