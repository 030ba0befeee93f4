import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type FailedDelivery = components['schemas']['FailedDelivery'];

export function getFailedDeliveries(cursor: string | null, signal?: AbortSignal) {
  return unwrap(
    apiClient.GET('/api/v1/admin/notifications/failed', {
      params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } },
      ...(signal ? { signal } : {}),
    }),
  );
}

export function useFailedDeliveries() {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: ['admin', 'failed-deliveries'],
      queryFn: ({ pageParam, signal }) => getFailedDeliveries(pageParam, signal),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.next_cursor ?? null,
    }),
  );
}
