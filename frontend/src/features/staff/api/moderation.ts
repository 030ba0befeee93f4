import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { useTicketChanged } from '@/features/staff/api/change-status';
import { staffKeys, type Municipality, type ModerationView, type Ticket } from '@/features/staff/api/types';
import { apiClient, unwrap } from '@/lib/api-client';

export function getModeration(ticketId: string, signal?: AbortSignal): Promise<ModerationView> {
  return unwrap(
    apiClient.GET('/api/v1/tickets/{ticket_id}/moderation', {
      params: { path: { ticket_id: ticketId } },
      ...(signal ? { signal } : {}),
    }),
  );
}

export function useModeration(ticketId: string, enabled: boolean) {
  return useQuery(
    queryOptions({
      queryKey: staffKeys.moderation(ticketId),
      queryFn: ({ signal }) => getModeration(ticketId, signal),
      enabled,
    }),
  );
}

export type ModerationChange = { description?: string; hidden?: boolean; reason?: string };

export function moderateTicket(ticketId: string, change: ModerationChange): Promise<ModerationView> {
  const reason = change.reason?.trim();
  return unwrap(
    apiClient.PATCH('/api/v1/tickets/{ticket_id}/moderation', {
      params: { path: { ticket_id: ticketId } },
      body: {
        ...(change.description !== undefined ? { description: change.description } : {}),
        ...(change.hidden !== undefined ? { hidden: change.hidden } : {}),
        ...(reason ? { reason } : {}),
      },
    }),
  );
}

export function useModerateTicket(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: ModerationChange) => moderateTicket(ticketId, change),
    onSuccess: (view) => {
      queryClient.setQueryData(staffKeys.moderation(ticketId), view);
      void queryClient.invalidateQueries({ queryKey: staffKeys.ticket(ticketId) });
      void queryClient.invalidateQueries({ queryKey: staffKeys.all });
    },
  });
}

export type Transfer = { municipalityId: string; categoryId: string; note: string };

export function transferTicket(ticketId: string, transfer: Transfer): Promise<Ticket> {
  return unwrap(
    apiClient.POST('/api/v1/tickets/{ticket_id}/transfer', {
      params: { path: { ticket_id: ticketId } },
      body: { municipality_id: transfer.municipalityId, category_id: transfer.categoryId, note: transfer.note.trim() },
    }),
  );
}

export function useTransferTicket(ticketId: string) {
  const changed = useTicketChanged();
  return useMutation({ mutationFn: (transfer: Transfer) => transferTicket(ticketId, transfer), onSuccess: changed });
}

/** Every active municipality (for a transfer), by name. */
export type MunicipalityChoice = Pick<Municipality, 'id' | 'name' | 'active'>;

export async function getMunicipalities(signal?: AbortSignal): Promise<MunicipalityChoice[]> {
  const all: MunicipalityChoice[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: MunicipalityChoice[]; next_cursor?: string | null } = await unwrap(
      apiClient.GET('/api/v1/municipalities', {
        params: { query: cursor ? { limit: 200, cursor } : { limit: 200 } },
        ...(signal ? { signal } : {}),
      }),
    );
    all.push(...page.data);
    cursor = page.next_cursor ?? null;
  } while (cursor);
  return all.filter((m) => m.active).sort((a, b) => a.name.localeCompare(b.name));
}

export function useMunicipalities(enabled: boolean) {
  return useQuery(
    queryOptions({
      queryKey: ['municipalities', 'all'],
      queryFn: ({ signal }) => getMunicipalities(signal),
      enabled,
      staleTime: 10 * 60_000,
    }),
  );
}

/** The active categories of a municipality a ticket may move to (its public list). */
export function useTransferCategories(municipalityId: string) {
  return useQuery(
    queryOptions({
      queryKey: ['categories', 'public', municipalityId],
      queryFn: async ({ signal }) => {
        const page = await unwrap(
          apiClient.GET('/api/v1/municipalities/{municipality_id}/categories', {
            params: { path: { municipality_id: municipalityId }, query: { limit: 100 } },
            signal,
          }),
        );
        return page.data.filter((category) => category.active);
      },
      enabled: Boolean(municipalityId),
      staleTime: 5 * 60_000,
    }),
  );
}
