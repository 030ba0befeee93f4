import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type NewTicket = components['schemas']['CreateTicket'];

export function createTicket(ticket: NewTicket) {
  return unwrap(apiClient.POST('/api/v1/tickets', { body: ticket }));
}

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTicket,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tickets'] }),
  });
}
