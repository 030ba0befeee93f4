import { useMutation, useQueryClient } from '@tanstack/react-query';

import { ticketQueryKey } from '@/features/tickets/api/get-ticket';
import { timelineQueryKey } from '@/features/tickets/api/get-timeline';
import { apiClient, unwrap, type components } from '@/lib/api-client';

export type Feedback = components['schemas']['FeedbackBody'];

/** The reporter rates how a resolved ticket was fixed (once per resolution). */
export function submitFeedback(ticketId: string, feedback: Feedback) {
  return unwrap(
    apiClient.POST('/api/v1/tickets/{ticket_id}/feedback', {
      params: { path: { ticket_id: ticketId } },
      body: feedback,
    }),
  );
}

export function useSubmitFeedback(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (feedback: Feedback) => submitFeedback(ticketId, feedback),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketQueryKey(ticketId), ticket);
      return queryClient.invalidateQueries({ queryKey: timelineQueryKey(ticketId) });
    },
  });
}
