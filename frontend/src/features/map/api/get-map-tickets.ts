import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type Ticket = components['schemas']['TicketView'];
export type TicketPage = components['schemas']['TicketPage'];

/** A map viewport in degrees; the API wants west < east and south < north. */
export type Bbox = { west: number; south: number; east: number; north: number };

export const STATUS_FILTERS = ['open', 'closed', 'all'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** The most one request returns (the API's limit); more than this asks the person to zoom in. */
export const MAP_PAGE_SIZE = 100;

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * Normalise a viewport for the API and for cache keys: clamped to the world, rounded
 * outwards to four decimals (about 10 m) so small pans reuse a query, and never empty.
 */
export function toBbox(west: number, south: number, east: number, north: number): Bbox {
  const out = (value: number, up: boolean) =>
    (up ? Math.ceil(value * 1e4) : Math.floor(value * 1e4)) / 1e4;
  let bbox = {
    west: out(clamp(west, -180, 180), false),
    south: out(clamp(south, -90, 90), false),
    east: out(clamp(east, -180, 180), true),
    north: out(clamp(north, -90, 90), true),
  };
  if (bbox.west >= bbox.east || bbox.south >= bbox.north) {
    // A map with no size yet (hidden, or first layout) has a point for bounds.
    const lon = clamp(bbox.west, -179.99, 179.99);
    const lat = clamp(bbox.south, -89.99, 89.99);
    bbox = { west: lon - 0.01, south: lat - 0.01, east: lon + 0.01, north: lat + 0.01 };
  }
  return bbox;
}

export function formatBbox({ west, south, east, north }: Bbox): string {
  return [west, south, east, north].map((n) => Number(n.toFixed(4))).join(',');
}

export async function getMapTickets(
  bbox: Bbox,
  filter: StatusFilter,
  signal?: AbortSignal,
): Promise<TicketPage> {
  return unwrap(
    apiClient.GET('/api/v1/tickets', {
      params: {
        query: {
          bbox: formatBbox(bbox),
          limit: MAP_PAGE_SIZE,
          sort: 'updated_at',
          ...(filter === 'all' ? {} : { status: [filter] }),
        },
      },
      ...(signal ? { signal } : {}),
    }),
  );
}

export const mapTicketsQueryOptions = (bbox: Bbox | null, filter: StatusFilter) =>
  queryOptions({
    queryKey: ['tickets', 'map', filter, bbox ? formatBbox(bbox) : null],
    queryFn: ({ signal }) => getMapTickets(bbox as Bbox, filter, signal),
    enabled: bbox !== null,
    // Keep the markers of the last viewport while the next one loads.
    placeholderData: keepPreviousData,
  });

export function useMapTickets(bbox: Bbox | null, filter: StatusFilter) {
  return useQuery(mapTicketsQueryOptions(bbox, filter));
}
