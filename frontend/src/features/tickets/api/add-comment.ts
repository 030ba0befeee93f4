import { useMutation, useQueryClient } from '@tanstack/react-query';

import { timelineQueryKey } from '@/features/tickets/api/get-timeline';
import { apiClient, unwrap } from '@/lib/api-client';

export function addComment(ticketId: string, body: string) {
  return unwrap(
    apiClient.POST('/api/v1/tickets/{ticket_id}/comments', {
      params: { path: { ticket_id: ticketId } },
      body: { body, visibility: 'public' },
    }),
  );
}

export function useAddComment(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => addComment(ticketId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: timelineQueryKey(ticketId) }),
  });
}
