/** Great-circle distance and the latitude/longitude boxes that contain a circle on the sphere. */

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;
/** Half the circumference: no two points are further apart. */
export const MAX_DISTANCE_KM = Math.PI * EARTH_RADIUS_KM;

const RAD = Math.PI / 180;

export interface Point {
  lat: number;
  lon: number;
}

/** Great-circle distance in km (haversine; exact on the sphere, stable for short distances). */
export function distanceKm(a: Point, b: Point): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface Box {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/**
 * Boxes (one, or two across the antimeridian) that together contain every point within
 * `radiusKm` of `center`. A little padding covers the index's 32-bit float coordinates, so no
 * point inside the circle is ever missed; the exact distance check removes the extra ones.
 */
export function boxesAround(center: Point, radiusKm: number, pad = 1e-4): Box[] {
  if (radiusKm >= MAX_DISTANCE_KM) return [{ minLat: -90, maxLat: 90, minLon: -180, maxLon: 180 }];
  const d = radiusKm / EARTH_RADIUS_KM;
  const lat = center.lat * RAD;
  let minLat = lat - d;
  let maxLat = lat + d;
  let minLon: number;
  let maxLon: number;
  if (minLat > -Math.PI / 2 && maxLat < Math.PI / 2) {
    const dLon = Math.asin(Math.min(1, Math.sin(d) / Math.cos(lat)));
    minLon = center.lon * RAD - dLon;
    maxLon = center.lon * RAD + dLon;
  } else {
    // The circle reaches a pole: every longitude.
    minLat = Math.max(minLat, -Math.PI / 2);
    maxLat = Math.min(maxLat, Math.PI / 2);
    minLon = -Math.PI;
    maxLon = Math.PI;
  }
  const box = (a: number, b: number): Box => ({
    minLat: Math.max(-90, minLat / RAD - pad),
    maxLat: Math.min(90, maxLat / RAD + pad),
    minLon: Math.max(-180, a - pad),
    maxLon: Math.min(180, b + pad),
  });
  const lo = minLon / RAD;
  const hi = maxLon / RAD;
  if (hi - lo >= 360) return [box(-180, 180)];
  if (lo < -180) return [box(lo + 360, 180), box(-180, hi)];
  if (hi > 180) return [box(lo, 180), box(-180, hi - 360)];
  return [box(lo, hi)];
}

/** A point snapped to the centre of its cell in a grid of `cellDeg` degrees. */
export function snapToGrid(p: Point, cellDeg: number): Point {
  const snap = (v: number) => (Math.floor(v / cellDeg) + 0.5) * cellDeg;
  return { lat: Math.max(-90, Math.min(90, snap(p.lat))), lon: Math.max(-180, Math.min(180, snap(p.lon))) };
}
