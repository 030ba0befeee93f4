import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { staffKeys, type Ticket, type TicketPage } from '@/features/staff/api/types';
import { apiClient, unwrap } from '@/lib/api-client';

export const QUEUE_PAGE_SIZE = 50;

export function getQueue(cursor: string | null, signal?: AbortSignal): Promise<TicketPage> {
  return unwrap(
    apiClient.GET('/api/v1/tickets/assigned', {
      params: { query: cursor ? { cursor, limit: QUEUE_PAGE_SIZE } : { limit: QUEUE_PAGE_SIZE } },
      ...(signal ? { signal } : {}),
    }),
  );
}

const PRIORITY_RANK: Record<Ticket['priority'], number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/**
 * The order of an operator's work: soonest due first, tickets without a due time last, then the most
 * urgent, then the oldest report. The API pages in this order; sorting again keeps it across pages.
 */
export function byDueThenPriority(a: Ticket, b: Ticket): number {
  const dueA = a.due_at ? Date.parse(a.due_at) : Number.POSITIVE_INFINITY;
  const dueB = b.due_at ? Date.parse(b.due_at) : Number.POSITIVE_INFINITY;
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  const rank = PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
  if (rank !== 0) return rank;
  return Date.parse(a.created_at) - Date.parse(b.created_at);
}

export const queueQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: staffKeys.queue(),
    queryFn: ({ pageParam, signal }) => getQueue(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page: TicketPage) => page.next_cursor ?? null,
  });

export function useQueue() {
  return useInfiniteQuery(queueQueryOptions());
}
