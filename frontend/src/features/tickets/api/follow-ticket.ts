import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

/** Follow (or stop following) a ticket: its changes then reach the person's inbox. */
export function setFollowing(ticketId: string, follow: boolean) {
  const params = { params: { path: { ticket_id: ticketId } } };
  return unwrap(
    follow
      ? apiClient.POST('/api/v1/tickets/{ticket_id}/follow', params)
      : apiClient.DELETE('/api/v1/tickets/{ticket_id}/follow', params),
  );
}

export function useFollowTicket(ticketId: string) {
  return useMutation({ mutationFn: (follow: boolean) => setFollowing(ticketId, follow) });
}
