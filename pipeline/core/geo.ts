/**
 * Pure planar geometry on lon/lat rings: winding, rewinding, point-in-polygon, bbox, rounding.
 * Rings follow GeoJSON: closed (first position repeated last), [lon, lat].
 */

export type Position = [number, number];
export type Ring = Position[];
export type PolygonCoords = Ring[];

/** Twice the signed area of a ring (shoelace): positive when counter-clockwise. */
export function signedArea2(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Position;
    const b = ring[i] as Position;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum;
}

/** True when the ring is counter-clockwise (RFC 7946 exterior ring orientation). */
export function isCounterClockwise(ring: Ring): boolean {
  return signedArea2(ring) > 0;
}

/** Returns the polygon with its exterior ring counter-clockwise and holes clockwise (RFC 7946 §3.1.6). */
export function rewindPolygon(polygon: PolygonCoords): PolygonCoords {
  return polygon.map((ring, index) => {
    const wantCcw = index === 0;
    return isCounterClockwise(ring) === wantCcw ? ring.map((p) => [p[0], p[1]] as Position) : [...ring].reverse();
  });
}

/** Even-odd ray casting test for one ring. Points exactly on an edge may fall either side. */
function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the point lies inside the polygon's exterior ring and outside all its holes. */
export function pointInPolygon(lon: number, lat: number, polygon: PolygonCoords): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !inRing(lon, lat, outer)) return false;
  return !holes.some((hole) => inRing(lon, lat, hole));
}

/** Bounding box [minLon, minLat, maxLon, maxLat] of a set of polygons. */
export function bbox(polygons: PolygonCoords[]): [number, number, number, number] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0] ?? []) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Rounds a coordinate to at most `decimals` decimals (RFC 7946 §11.2 recommends about 6). */
export function roundCoord(value: number, decimals = 6): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** A MultiPolygon or Polygon geometry reduced to a list of polygons. */
export function polygonsOf(geometry: { type: string; coordinates: unknown }): PolygonCoords[] {
  if (geometry.type === "Polygon") return [geometry.coordinates as PolygonCoords];
  if (geometry.type === "MultiPolygon") return geometry.coordinates as PolygonCoords[];
  throw new Error(`géométrie non prise en charge : ${geometry.type}`);
}
