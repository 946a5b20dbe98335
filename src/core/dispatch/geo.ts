/** Mean Earth radius (km), as in the haversine formula of the dispatch model. */
export const EARTH_RADIUS_KM = 6371;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km between two lon/lat points (haversine). */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Road hours: great-circle km × roadFactor ÷ speedKmh. */
export function travelHours(
  from: { lon: number; lat: number },
  to: { lon: number; lat: number },
  roadFactor: number,
  speedKmh: number,
): number {
  return (haversineKm(from.lon, from.lat, to.lon, to.lat) * roadFactor) / speedKmh;
}
