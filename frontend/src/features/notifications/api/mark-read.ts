import { useMutation, useQueryClient } from '@tanstack/react-query';

import { notificationsQueryKey } from '@/features/notifications/api/get-notifications';
import { apiClient, unwrap } from '@/lib/api-client';

export function markRead(notificationId: string) {
  return unwrap(
    apiClient.POST('/api/v1/notifications/{notification_id}/read', {
      params: { path: { notification_id: notificationId } },
    }),
  );
}

export function markAllRead() {
  return unwrap(apiClient.POST('/api/v1/notifications/read-all'));
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsQueryKey }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markAllRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsQueryKey }),
  });
}
