import { describe, expect, it } from 'vitest';

import { parseBoundaryText, readBoundary } from '@/features/municipalities/components/boundary-file';

const ring = [
  [13.0, 52.3],
  [13.1, 52.3],
  [13.1, 52.4],
  [13.0, 52.4],
  [13.0, 52.3],
];
const polygon = { type: 'Polygon', coordinates: [ring] };

describe('reading a boundary file', () => {
  it('takes a bare Polygon and summarises it', () => {
    const parsed = parseBoundaryText(JSON.stringify(polygon));
    expect(parsed).toEqual({
      ok: true,
      boundary: polygon,
      polygons: 1,
      vertices: 5,
      bbox: [13.0, 52.3, 13.1, 52.4],
    });
  });

  it('takes the geometry of a Feature and of a FeatureCollection of one', () => {
    const multi = { type: 'MultiPolygon', coordinates: [[ring], [ring.map(([x, y]) => [x! + 1, y!])]] };
    const feature = { type: 'Feature', properties: { name: 'Potsdam' }, geometry: multi };
    const fromFeature = readBoundary(feature);
    const fromCollection = readBoundary({ type: 'FeatureCollection', features: [feature] });
    expect(fromFeature).toMatchObject({ ok: true, boundary: multi, polygons: 2, vertices: 10 });
    expect(fromCollection).toEqual(fromFeature);
    expect(fromFeature.ok && fromFeature.bbox).toEqual([13.0, 52.3, 14.1, 52.4]);
  });

  it('refuses text that is not JSON', () => {
    expect(parseBoundaryText('<kml></kml>')).toEqual({ ok: false, problem: { code: 'notJson' } });
  });

  it('refuses other geometry types, naming the type found', () => {
    expect(readBoundary({ type: 'Point', coordinates: [13, 52] })).toEqual({
      ok: false,
      problem: { code: 'wrongType', values: { type: 'Point' } },
    });
    expect(readBoundary([1, 2])).toEqual({ ok: false, problem: { code: 'wrongType', values: { type: 'array' } } });
  });

  it('refuses a FeatureCollection of several features, or a Feature without geometry', () => {
    const feature = { type: 'Feature', geometry: polygon, properties: {} };
    expect(readBoundary({ type: 'FeatureCollection', features: [feature, feature] })).toEqual({
      ok: false,
      problem: { code: 'featureCount', values: { count: 2 } },
    });
    expect(readBoundary({ type: 'Feature', geometry: null, properties: {} })).toEqual({
      ok: false,
      problem: { code: 'noGeometry' },
    });
  });

  it('points at the ring that is open, too short or not made of positions (counting from 1)', () => {
    const open = [...ring.slice(0, 4), [13.05, 52.35]];
    expect(readBoundary({ type: 'MultiPolygon', coordinates: [[ring], [ring, open]] })).toEqual({
      ok: false,
      problem: { code: 'ringNotClosed', values: { polygon: 2, ring: 2 } },
    });
    expect(readBoundary({ type: 'Polygon', coordinates: [ring.slice(0, 3)] })).toEqual({
      ok: false,
      problem: { code: 'ringTooShort', values: { polygon: 1, ring: 1, positions: 3 } },
    });
    expect(readBoundary({ type: 'Polygon', coordinates: [[...ring.slice(0, 4), ['13', '52.3']]] })).toEqual({
      ok: false,
      problem: { code: 'badPosition', values: { polygon: 1, ring: 1 } },
    });
    expect(readBoundary({ type: 'Polygon', coordinates: [] })).toEqual({ ok: false, problem: { code: 'noCoordinates' } });
  });

  it('recognises [latitude, longitude] order when it puts a point off the globe', () => {
    const swapped = ring.map(([lon, lat]) => [lat!, lon! + 100]);
    expect(readBoundary({ type: 'Polygon', coordinates: [swapped] })).toEqual({ ok: false, problem: { code: 'swapped' } });
    const nowhere = ring.map(([lon, lat]) => [lon! + 400, lat! + 100]);
    expect(readBoundary({ type: 'Polygon', coordinates: [nowhere] })).toEqual({ ok: false, problem: { code: 'outOfRange' } });
  });
});
