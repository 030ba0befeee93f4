import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type Notification = components['schemas']['NotificationView'];
export type NotificationPage = components['schemas']['NotificationList'];

const PAGE_SIZE = 20;

export const notificationsQueryKey = ['notifications'] as const;

export function getNotifications(cursor: string | null, signal?: AbortSignal): Promise<NotificationPage> {
  return unwrap(
    apiClient.GET('/api/v1/notifications', {
      params: { query: cursor ? { limit: PAGE_SIZE, cursor } : { limit: PAGE_SIZE } },
      ...(signal ? { signal } : {}),
    }),
  );
}

export const notificationsQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: notificationsQueryKey,
    queryFn: ({ pageParam, signal }) => getNotifications(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page: NotificationPage) => page.next_cursor ?? null,
  });

/** The inbox, newest first; every page carries the current unread count. */
export function useNotifications(enabled: boolean) {
  return useInfiniteQuery({ ...notificationsQueryOptions(), enabled });
}
