import { queryOptions, useQuery } from '@tanstack/react-query';

import { staffKeys, type Ticket } from '@/features/staff/api/types';
import { apiClient, unwrap } from '@/lib/api-client';

export function getStaffTicket(ticketId: string, signal?: AbortSignal): Promise<Ticket> {
  return unwrap(
    apiClient.GET('/api/v1/tickets/{ticket_id}', {
      params: { path: { ticket_id: ticketId } },
      ...(signal ? { signal } : {}),
    }),
  );
}

export function useStaffTicket(ticketId: string) {
  return useQuery(
    queryOptions({
      queryKey: staffKeys.ticket(ticketId),
      queryFn: ({ signal }) => getStaffTicket(ticketId, signal),
    }),
  );
}
