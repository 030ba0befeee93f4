import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type Point = components['schemas']['Point'];
export type Municipality = components['schemas']['LocationView'];

/** The municipality responsible for a point, or the API's "not covered" error. */
export function locate(point: Point, signal?: AbortSignal): Promise<Municipality> {
  return unwrap(
    apiClient.GET('/api/v1/geo/locate', {
      params: { query: { lat: point.lat, lon: point.lon } },
      ...(signal ? { signal } : {}),
    }),
  );
}

export function useLocate(point: Point | null) {
  return useQuery(
    queryOptions({
      queryKey: ['geo', 'locate', point?.lat, point?.lon],
      queryFn: ({ signal }) => locate(point as Point, signal),
      enabled: point !== null,
      staleTime: Infinity,
    }),
  );
}
