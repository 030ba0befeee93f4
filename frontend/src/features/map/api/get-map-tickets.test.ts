import { describe, expect, it } from 'vitest';

import { formatBbox, getMapTickets, toBbox } from '@/features/map/api/get-map-tickets';
import { jsonResponse, mockApi } from '@/testing/test-utils';

describe('toBbox', () => {
  it('rounds a viewport outwards to four decimals', () => {
    expect(toBbox(13.012345, 52.387654, 13.10001, 52.41)).toEqual({
      west: 13.0123,
      south: 52.3876,
      east: 13.1001,
      north: 52.41,
    });
  });

  it('clamps a zoomed-out world to valid degrees', () => {
    expect(toBbox(-400, -95, 520, 91)).toEqual({ west: -180, south: -90, east: 180, north: 90 });
  });

  it('never returns an empty box (a map without size has a point for bounds)', () => {
    const bbox = toBbox(13.06, 52.4, 13.06, 52.4);
    expect(bbox.west).toBeLessThan(bbox.east);
    expect(bbox.south).toBeLessThan(bbox.north);
  });

  it('formats west,south,east,north', () => {
    expect(formatBbox({ west: 13, south: 52.3, east: 13.2, north: 52.5 })).toBe('13,52.3,13.2,52.5');
  });
});

describe('getMapTickets', () => {
  it('asks for the viewport and the status group', async () => {
    const { requests } = mockApi({
      'GET /api/v1/tickets': () => jsonResponse({ data: [], next_cursor: null }),
    });

    await getMapTickets({ west: 13, south: 52.3, east: 13.2, north: 52.5 }, 'open');
    await getMapTickets({ west: 13, south: 52.3, east: 13.2, north: 52.5 }, 'all');

    const first = new URL(requests[0]?.url ?? '');
    expect(first.searchParams.get('bbox')).toBe('13,52.3,13.2,52.5');
    expect(first.searchParams.getAll('status')).toEqual(['open']);
    expect(first.searchParams.get('limit')).toBe('100');
    expect(new URL(requests[1]?.url ?? '').searchParams.has('status')).toBe(false);
  });
});
