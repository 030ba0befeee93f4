import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type TicketPage = components['schemas']['TicketPage'];

export function getMyReports(cursor: string | null, signal?: AbortSignal): Promise<TicketPage> {
  return unwrap(
    apiClient.GET('/api/v1/tickets/mine', {
      params: { query: cursor ? { cursor, limit: 20 } : { limit: 20 } },
      ...(signal ? { signal } : {}),
    }),
  );
}

export const myReportsQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: ['tickets', 'mine'],
    queryFn: ({ pageParam, signal }) => getMyReports(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page: TicketPage) => page.next_cursor ?? null,
  });

export function useMyReports() {
  return useInfiniteQuery(myReportsQueryOptions());
}
