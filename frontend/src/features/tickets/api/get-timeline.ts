import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type TimelineEntry = components['schemas']['TimelineEntry'];
export type TimelinePage = components['schemas']['TimelinePage'];

export function getTimeline(ticketId: string, cursor: string | null, signal?: AbortSignal) {
  return unwrap(
    apiClient.GET('/api/v1/tickets/{ticket_id}/timeline', {
      params: { path: { ticket_id: ticketId }, query: cursor ? { cursor, limit: 50 } : { limit: 50 } },
      ...(signal ? { signal } : {}),
    }),
  );
}

export const timelineQueryKey = (ticketId: string) => ['tickets', 'timeline', ticketId] as const;

export const timelineQueryOptions = (ticketId: string) =>
  infiniteQueryOptions({
    queryKey: timelineQueryKey(ticketId),
    queryFn: ({ pageParam, signal }) => getTimeline(ticketId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page: TimelinePage) => page.next_cursor ?? null,
  });

export function useTimeline(ticketId: string) {
  return useInfiniteQuery(timelineQueryOptions(ticketId));
}
