import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type AreaAlert = components['schemas']['AreaAlert'];
export type Point = components['schemas']['Point'];
export type NewAreaAlert = components['schemas']['AreaAlertBody'];

export const alertsQueryKey = ['auth', 'alerts'] as const;

export function getAlerts(signal?: AbortSignal) {
  return unwrap(apiClient.GET('/api/v1/auth/me/alerts', signal ? { signal } : {}));
}

export const alertsQueryOptions = () =>
  queryOptions({ queryKey: alertsQueryKey, queryFn: ({ signal }) => getAlerts(signal) });

export function useAlerts() {
  return useQuery(alertsQueryOptions());
}

export function createAlert(alert: NewAreaAlert) {
  return unwrap(apiClient.POST('/api/v1/auth/me/alerts', { body: alert }));
}

export function deleteAlert(alertId: string) {
  return unwrap(apiClient.DELETE('/api/v1/auth/me/alerts/{alert_id}', { params: { path: { alert_id: alertId } } }));
}

export function useCreateAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAlert,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertsQueryKey }),
  });
}

export function useDeleteAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAlert,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertsQueryKey }),
  });
}
