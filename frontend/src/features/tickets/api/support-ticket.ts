import { useMutation, useQueryClient } from '@tanstack/react-query';

import { ticketQueryKey } from '@/features/tickets/api/get-ticket';
import { timelineQueryKey } from '@/features/tickets/api/get-timeline';
import { apiClient, unwrap } from '@/lib/api-client';

/** "Me too": the person has the same problem; the ticket counts its supporters. */
export function supportTicket(ticketId: string) {
  return unwrap(
    apiClient.POST('/api/v1/tickets/{ticket_id}/support', { params: { path: { ticket_id: ticketId } } }),
  );
}

export function useSupportTicket(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => supportTicket(ticketId),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketQueryKey(ticketId), ticket);
      void queryClient.invalidateQueries({ queryKey: timelineQueryKey(ticketId) });
    },
  });
}
