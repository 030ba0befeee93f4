import { useQueryClient } from '@tanstack/react-query';

import type { Ticket } from '@/features/tickets/api/get-ticket';
import { ticketQueryKey } from '@/features/tickets/api/get-ticket';
import { timelineQueryKey } from '@/features/tickets/api/get-timeline';
import { apiUrl } from '@/lib/api-client';
import { useLiveStream, type LiveEvent } from '@/lib/live';

export type TicketStatus = Ticket['status'];

/**
 * Keep an open ticket page current: the municipality's public live channel says when a ticket's
 * status changes, and the page then reloads the ticket and its history. `onStatus` hears the new
 * status, so the page can announce it.
 */
export function useLiveTicket(ticket: Pick<Ticket, 'id' | 'municipality_id'> | undefined, onStatus?: (status: TicketStatus) => void) {
  const queryClient = useQueryClient();
  const ticketId = ticket?.id ?? '';
  const municipalityId = ticket?.municipality_id ?? '';

  function refresh() {
    void queryClient.invalidateQueries({ queryKey: ticketQueryKey(ticketId) });
    void queryClient.invalidateQueries({ queryKey: timelineQueryKey(ticketId) });
  }

  useLiveStream(ticket ? `${municipalityId}/${ticketId}` : null, {
    url: () => Promise.resolve(apiUrl(`/api/v1/live/municipalities/${encodeURIComponent(municipalityId)}`)),
    types: ['StatusChanged'],
    onEvent: (event: LiveEvent) => {
      if (event.data['ticket_id'] !== ticketId) return;
      refresh();
      const to = event.data['to'];
      if (typeof to === 'string') onStatus?.(to as TicketStatus);
    },
    // Back after a dropped connection: what changed meanwhile was not pushed.
    onOpen: (again) => {
      if (again) refresh();
    },
  });
}
