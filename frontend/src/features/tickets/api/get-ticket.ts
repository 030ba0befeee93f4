import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type Ticket = components['schemas']['TicketView'];

export function getTicket(ticketId: string, signal?: AbortSignal): Promise<Ticket> {
  return unwrap(
    apiClient.GET('/api/v1/tickets/{ticket_id}', {
      params: { path: { ticket_id: ticketId } },
      ...(signal ? { signal } : {}),
    }),
  );
}

export const ticketQueryKey = (ticketId: string) => ['tickets', 'detail', ticketId] as const;

export const ticketQueryOptions = (ticketId: string) =>
  queryOptions({
    queryKey: ticketQueryKey(ticketId),
    queryFn: ({ signal }) => getTicket(ticketId, signal),
  });

export function useTicket(ticketId: string) {
  return useQuery(ticketQueryOptions(ticketId));
}
