import { useMutation, useQueryClient } from '@tanstack/react-query';

import { ApiError, apiClient, unwrap, type components } from '@/lib/api-client';

export type NewTicket = components['schemas']['CreateTicket'];

export function createTicket(ticket: NewTicket) {
  return unwrap(apiClient.POST('/api/v1/tickets', { body: ticket }));
}

/** How often, and how long apart, a report is sent again while its fresh photos are still being processed. */
const PHOTO_RETRIES = 3;
const PHOTO_RETRY_MS = 700;

/**
 * The tickets service learns of an upload from an event, a moment after the upload answered: a report
 * sent at once may hear `photo_not_available` for a photo that is a moment from being known. That one
 * refusal is worth a few quiet retries; every other error is shown at once.
 */
export function photoStillProcessing(failureCount: number, error: unknown): boolean {
  return error instanceof ApiError && error.code === 'photo_not_available' && failureCount < PHOTO_RETRIES;
}

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTicket,
    retry: photoStillProcessing,
    retryDelay: PHOTO_RETRY_MS,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tickets'] }),
  });
}
