import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type HistoryEntry = components['schemas']['TimelineEntry'];
type HistoryPage = components['schemas']['TimelinePage'];

export function getHistory(ticketId: string, cursor: string | null, signal?: AbortSignal): Promise<HistoryPage> {
  return unwrap(
    apiClient.GET('/api/v1/tickets/{ticket_id}/timeline', {
      params: { path: { ticket_id: ticketId }, query: cursor ? { cursor, limit: 50 } : { limit: 50 } },
      ...(signal ? { signal } : {}),
    }),
  );
}

/** The ticket's history; the same query the ticket page keeps, so a change refreshes both. */
export function useHistory(ticketId: string) {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: ['tickets', 'timeline', ticketId],
      queryFn: ({ pageParam, signal }) => getHistory(ticketId, pageParam, signal),
      initialPageParam: null as string | null,
      getNextPageParam: (page: HistoryPage) => page.next_cursor ?? null,
    }),
  );
}
