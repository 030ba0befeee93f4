/**
 * Reading a boundary from an uploaded GeoJSON file before it goes to the API: the shape the API
 * takes (a Polygon or MultiPolygon geometry), found in a bare geometry, a Feature, or a
 * FeatureCollection of exactly one feature. Only the structure is checked here, so the person
 * hears at once what is wrong with the file; the API still checks validity, size and overlaps.
 */

export type Position = number[];
export type Boundary =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** What is wrong with a file: a message code and the values its sentence names (1-based for people). */
export type BoundaryProblem =
  | { code: 'notJson' }
  | { code: 'wrongType'; values: { type: string } }
  | { code: 'featureCount'; values: { count: number } }
  | { code: 'noGeometry' }
  | { code: 'noCoordinates' }
  | { code: 'badPosition'; values: { polygon: number; ring: number } }
  | { code: 'ringTooShort'; values: { polygon: number; ring: number; positions: number } }
  | { code: 'ringNotClosed'; values: { polygon: number; ring: number } }
  | { code: 'swapped' }
  | { code: 'outOfRange' };

export type BoundarySummary = {
  boundary: Boundary;
  polygons: number;
  vertices: number;
  /** [west, south, east, north] */
  bbox: [number, number, number, number];
};

export type ParsedBoundary = ({ ok: true } & BoundarySummary) | { ok: false; problem: BoundaryProblem };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(problem: BoundaryProblem): ParsedBoundary {
  return { ok: false, problem };
}

function typeName(value: unknown): string {
  if (isRecord(value) && typeof value['type'] === 'string') return value['type'];
  return Array.isArray(value) ? 'array' : typeof value;
}

/** The geometry inside a Feature or a one-feature FeatureCollection, or the object itself. */
function geometryOf(document: unknown): unknown {
  if (!isRecord(document)) return document;
  if (document['type'] === 'FeatureCollection') {
    const features = Array.isArray(document['features']) ? document['features'] : [];
    if (features.length !== 1) return { featureCount: features.length };
    return geometryOf(features[0]);
  }
  if (document['type'] === 'Feature') return document['geometry'] ?? { noGeometry: true };
  return document;
}

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    (value.length === 2 || value.length === 3) &&
    value.every((c) => typeof c === 'number' && Number.isFinite(c))
  );
}

export function readBoundary(document: unknown): ParsedBoundary {
  const geometry = geometryOf(document);
  if (isRecord(geometry) && typeof geometry['featureCount'] === 'number') {
    return fail({ code: 'featureCount', values: { count: geometry['featureCount'] } });
  }
  if (isRecord(geometry) && geometry['noGeometry'] === true) return fail({ code: 'noGeometry' });
  const type = isRecord(geometry) ? geometry['type'] : undefined;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    return fail({ code: 'wrongType', values: { type: typeName(geometry) } });
  }
  const coordinates = (geometry as Record<string, unknown>)['coordinates'];
  if (!Array.isArray(coordinates) || coordinates.length === 0) return fail({ code: 'noCoordinates' });
  const polygons: unknown[] = type === 'Polygon' ? [coordinates] : coordinates;

  let vertices = 0;
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [p, rings] of polygons.entries()) {
    if (!Array.isArray(rings) || rings.length === 0) {
      return fail({ code: 'badPosition', values: { polygon: p + 1, ring: 1 } });
    }
    for (const [r, ring] of rings.entries()) {
      const where = { polygon: p + 1, ring: r + 1 };
      if (!Array.isArray(ring) || !ring.every(isPosition)) return fail({ code: 'badPosition', values: where });
      if (ring.length < 4) return fail({ code: 'ringTooShort', values: { ...where, positions: ring.length } });
      const first = ring[0] as Position;
      const last = ring[ring.length - 1] as Position;
      if (first[0] !== last[0] || first[1] !== last[1]) return fail({ code: 'ringNotClosed', values: where });
      for (const [lon, lat] of ring as [number, number][]) {
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
      vertices += ring.length;
    }
  }
  const inRange = (w: number, s: number, e: number, n: number) => w >= -180 && e <= 180 && s >= -90 && n <= 90;
  if (!inRange(west, south, east, north)) {
    return fail(inRange(south, west, north, east) ? { code: 'swapped' } : { code: 'outOfRange' });
  }
  return {
    ok: true,
    boundary: { type, coordinates } as Boundary,
    polygons: polygons.length,
    vertices,
    bbox: [west, south, east, north],
  };
}

/** A file's text as a boundary, or what is wrong with it. */
export function parseBoundaryText(text: string): ParsedBoundary {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return fail({ code: 'notJson' });
  }
  return readBoundary(document);
}
