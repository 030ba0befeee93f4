import { useMutation, useQueryClient } from '@tanstack/react-query';

import { ticketQueryKey } from '@/features/tickets/api/get-ticket';
import { timelineQueryKey } from '@/features/tickets/api/get-timeline';
import { apiClient, unwrap } from '@/lib/api-client';

/** "Still broken": the reporter reopens a resolved ticket (within 30 days of the resolution). */
export function reopenTicket(ticketId: string, note: string | null) {
  return unwrap(
    apiClient.POST('/api/v1/tickets/{ticket_id}/status', {
      params: { path: { ticket_id: ticketId } },
      body: { status: 'reopened', note, photo_ids: [] },
    }),
  );
}

export function useReopenTicket(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note: string | null) => reopenTicket(ticketId, note),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketQueryKey(ticketId), ticket);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: timelineQueryKey(ticketId) }),
        queryClient.invalidateQueries({ queryKey: ['tickets', 'mine'] }),
      ]);
    },
  });
}
