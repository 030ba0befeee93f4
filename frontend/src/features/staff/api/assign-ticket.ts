import { useMutation, useQueryClient } from '@tanstack/react-query';

import { useTicketChanged } from '@/features/staff/api/change-status';
import type { Ticket } from '@/features/staff/api/types';
import { ApiError, apiClient, unwrap } from '@/lib/api-client';

export function assignTicket(ticketId: string, operatorId: string): Promise<Ticket> {
  return unwrap(
    apiClient.POST('/api/v1/tickets/{ticket_id}/assignment', {
      params: { path: { ticket_id: ticketId } },
      body: { operator_id: operatorId },
    }),
  );
}

export function unassignTicket(ticketId: string): Promise<Ticket> {
  return unwrap(
    apiClient.DELETE('/api/v1/tickets/{ticket_id}/assignment', { params: { path: { ticket_id: ticketId } } }),
  );
}

export function useAssignTicket(ticketId: string) {
  const changed = useTicketChanged();
  return useMutation({ mutationFn: (operatorId: string) => assignTicket(ticketId, operatorId), onSuccess: changed });
}

export function useUnassignTicket(ticketId: string) {
  const changed = useTicketChanged();
  return useMutation({ mutationFn: () => unassignTicket(ticketId), onSuccess: changed });
}

export type BulkOutcome =
  | { ticket: Pick<Ticket, 'id' | 'reference'>; ok: true }
  | { ticket: Pick<Ticket, 'id' | 'reference'>; ok: false; error: unknown };

/**
 * Assign several tickets to one operator: one request per ticket, a few at a time, and every
 * ticket's outcome reported (one refusal does not stop the others).
 */
export async function assignMany(
  tickets: readonly Pick<Ticket, 'id' | 'reference'>[],
  operatorId: string,
  parallel = 4,
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = new Array<BulkOutcome>(tickets.length);
  let next = 0;
  async function worker() {
    while (next < tickets.length) {
      const index = next++;
      const ticket = tickets[index] as Pick<Ticket, 'id' | 'reference'>;
      try {
        await assignTicket(ticket.id, operatorId);
        outcomes[index] = { ticket, ok: true };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        outcomes[index] = { ticket, ok: false, error };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, tickets.length) }, worker));
  return outcomes;
}

export function useAssignMany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ tickets, operatorId }: { tickets: readonly Pick<Ticket, 'id' | 'reference'>[]; operatorId: string }) =>
      assignMany(tickets, operatorId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['tickets'] }),
  });
}
