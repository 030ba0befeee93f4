import { useMutation, useQueryClient } from '@tanstack/react-query';

import { getStaffTickets, NO_FILTERS } from '@/features/staff/api/get-staff-tickets';
import { staffKeys, type Ticket, type TicketStatus } from '@/features/staff/api/types';
import { apiClient, unwrap } from '@/lib/api-client';

export type StatusChange = {
  status: TicketStatus;
  note?: string;
  /** The original's reference or id, for `duplicate`. */
  duplicateOf?: string;
  /** "After" photos (the resolver's own uploads), for `resolved`. */
  photoIds?: string[];
};

/**
 * The id of the ticket a manager names as the original of a duplicate: a reference (e.g. POT-17) is
 * looked up among the municipality's tickets; anything else is taken as the id itself.
 */
export async function resolveOriginal(named: string): Promise<string> {
  const text = named.trim();
  const page = await getStaffTickets({ ...NO_FILTERS, q: text }, null);
  const match = page.data.find((ticket) => ticket.reference.toLowerCase() === text.toLowerCase());
  return match ? match.id : text;
}

export async function changeStatus(ticketId: string, change: StatusChange): Promise<Ticket> {
  const note = change.note?.trim();
  const duplicateOf = change.duplicateOf?.trim() ? await resolveOriginal(change.duplicateOf) : undefined;
  return unwrap(
    apiClient.POST('/api/v1/tickets/{ticket_id}/status', {
      params: { path: { ticket_id: ticketId } },
      body: {
        status: change.status,
        ...(note ? { note } : {}),
        ...(duplicateOf ? { duplicate_of: duplicateOf } : {}),
        photo_ids: change.photoIds ?? [],
      },
    }),
  );
}

/** After any change of a ticket: its page takes the answer, lists and queues load again. */
export function useTicketChanged() {
  const queryClient = useQueryClient();
  return (ticket: Ticket) => {
    queryClient.setQueryData(staffKeys.ticket(ticket.id), ticket);
    void queryClient.invalidateQueries({ queryKey: staffKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['tickets', 'timeline', ticket.id] });
  };
}

export function useChangeStatus(ticketId: string) {
  const changed = useTicketChanged();
  return useMutation({
    mutationFn: (change: StatusChange) => changeStatus(ticketId, change),
    onSuccess: changed,
  });
}
