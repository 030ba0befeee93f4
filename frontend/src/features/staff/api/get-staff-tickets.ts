import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';

import { staffKeys, type Priority, type TicketPage, type TicketStatus } from '@/features/staff/api/types';
import { apiClient, unwrap } from '@/lib/api-client';
import type { operations } from '@/lib/api-schema';

/** Everything GET /api/v1/tickets filters by, as the staff screens hold it. */
export type TicketFilters = {
  status: TicketStatus[];
  priority: Priority[];
  categoryId: string;
  operatorId: string;
  /** `yyyy-mm-dd` (a day in the person's time zone) or ''. */
  createdFrom: string;
  createdTo: string;
  overdue: boolean;
  q: string;
  /** `west,south,east,north`, or '' for anywhere. */
  bbox: string;
  sort: 'created_at' | 'due_at' | 'priority' | 'updated_at';
  order: 'asc' | 'desc';
};

export const NO_FILTERS: TicketFilters = {
  status: [],
  priority: [],
  categoryId: '',
  operatorId: '',
  createdFrom: '',
  createdTo: '',
  overdue: false,
  q: '',
  bbox: '',
  sort: 'created_at',
  order: 'desc',
};

export const LIST_PAGE_SIZE = 50;

/** The start of a local day as an ISO instant with its offset, which the API requires. */
export function startOfDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1).toISOString();
}

/** The end of a local day (the start of the next), since `created_to` is exclusive. */
export function endOfDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, (date ?? 1) + 1).toISOString();
}

type ListQuery = NonNullable<operations['tickets-list']['parameters']['query']>;

/** The query string of a filter set: only what is set, so the API's defaults apply to the rest. */
export function toListQuery(filters: TicketFilters, cursor: string | null, limit = LIST_PAGE_SIZE): ListQuery {
  const query: ListQuery = { sort: filters.sort, order: filters.order, limit };
  if (cursor) query.cursor = cursor;
  if (filters.status.length) query.status = filters.status;
  if (filters.priority.length) query.priority = filters.priority;
  if (filters.categoryId) query.category_id = filters.categoryId;
  if (filters.operatorId) query.assigned_operator_id = filters.operatorId;
  if (filters.createdFrom) query.created_from = startOfDay(filters.createdFrom);
  if (filters.createdTo) query.created_to = endOfDay(filters.createdTo);
  if (filters.overdue) query.overdue = true;
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.bbox) query.bbox = filters.bbox;
  return query;
}

export function getStaffTickets(
  filters: TicketFilters,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<TicketPage> {
  return unwrap(
    apiClient.GET('/api/v1/tickets', {
      params: { query: toListQuery(filters, cursor) },
      ...(signal ? { signal } : {}),
    }),
  );
}

export const staffTicketsQueryOptions = (filters: TicketFilters) =>
  infiniteQueryOptions({
    queryKey: staffKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getStaffTickets(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page: TicketPage) => page.next_cursor ?? null,
    placeholderData: keepPreviousData,
  });

export function useStaffTickets(filters: TicketFilters) {
  return useInfiniteQuery(staffTicketsQueryOptions(filters));
}
