import { useMutation } from '@tanstack/react-query';

import { useTicketChanged } from '@/features/staff/api/change-status';
import type { Priority, Ticket } from '@/features/staff/api/types';
import { apiClient, unwrap } from '@/lib/api-client';

export type TicketUpdate = { priority?: Priority; categoryId?: string };

/** A manager changes a ticket's priority or category (a new category recomputes its due time). */
export function updateTicket(ticketId: string, update: TicketUpdate): Promise<Ticket> {
  return unwrap(
    apiClient.PUT('/api/v1/tickets/{ticket_id}', {
      params: { path: { ticket_id: ticketId } },
      body: {
        ...(update.priority ? { priority: update.priority } : {}),
        ...(update.categoryId ? { category_id: update.categoryId } : {}),
      },
    }),
  );
}

export function useUpdateTicket(ticketId: string) {
  const changed = useTicketChanged();
  return useMutation({ mutationFn: (update: TicketUpdate) => updateTicket(ticketId, update), onSuccess: changed });
}
