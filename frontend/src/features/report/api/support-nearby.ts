import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

/** "Me too" on an existing ticket instead of reporting it again. */
export function useSupportNearby() {
  return useMutation({
    mutationFn: (ticketId: string) =>
      unwrap(
        apiClient.POST('/api/v1/tickets/{ticket_id}/support', { params: { path: { ticket_id: ticketId } } }),
      ),
  });
}
