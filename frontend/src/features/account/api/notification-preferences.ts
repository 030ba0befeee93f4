import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type NotificationPreferences = components['schemas']['NotificationPreferences'];

export const preferencesQueryKey = ['auth', 'notification-preferences'] as const;

export function getPreferences(signal?: AbortSignal): Promise<NotificationPreferences> {
  return unwrap(apiClient.GET('/api/v1/auth/me/notification-preferences', signal ? { signal } : {}));
}

export const preferencesQueryOptions = () =>
  queryOptions({ queryKey: preferencesQueryKey, queryFn: ({ signal }) => getPreferences(signal) });

export function usePreferences() {
  return useQuery(preferencesQueryOptions());
}

/** PUT replaces them all: send every field, or the ones left out fall back to their defaults. */
export function setPreferences(preferences: NotificationPreferences) {
  return unwrap(apiClient.PUT('/api/v1/auth/me/notification-preferences', { body: preferences }));
}

export function useSetPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setPreferences,
    onSuccess: (saved) => queryClient.setQueryData(preferencesQueryKey, saved),
  });
}
