import { queryOptions, useQuery } from '@tanstack/react-query';

import type { Point } from '@/features/report/api/locate';
import { apiClient, unwrap } from '@/lib/api-client';

/** "Is it one of these?": open tickets of the category close to the point. */
export function getNearby(point: Point, categoryId: string, signal?: AbortSignal) {
  return unwrap(
    apiClient.GET('/api/v1/tickets/nearby', {
      params: { query: { lat: point.lat, lon: point.lon, category_id: categoryId } },
      ...(signal ? { signal } : {}),
    }),
  );
}

export function useNearby(point: Point | null, categoryId: string | null) {
  return useQuery(
    queryOptions({
      queryKey: ['tickets', 'nearby', point?.lat, point?.lon, categoryId],
      queryFn: ({ signal }) => getNearby(point as Point, categoryId as string, signal),
      enabled: point !== null && categoryId !== null,
    }),
  );
}
