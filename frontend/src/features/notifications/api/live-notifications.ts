import { useQueryClient } from '@tanstack/react-query';

import { notificationsQueryKey } from '@/features/notifications/api/get-notifications';
import { apiClient, apiUrl, unwrap } from '@/lib/api-client';
import { useLiveStream, type LiveEvent } from '@/lib/live';

/**
 * The URL of the signed-in person's live stream. A browser's EventSource cannot send the access
 * token, so each connection first asks for a short-lived stream token; `last_event_id` resumes
 * after what this page already received (a new EventSource cannot set the header).
 */
export async function userStreamUrl(lastEventId: string | null): Promise<string> {
  const { token } = await unwrap(apiClient.POST('/api/v1/events/stream-token'));
  const query = new URLSearchParams({ token });
  if (lastEventId) query.set('last_event_id', lastEventId);
  return apiUrl(`/api/v1/events/stream?${query.toString()}`);
}

function ticketOf(event: LiveEvent): string | null {
  const notification = event.data['notification'];
  if (typeof notification !== 'object' || notification === null) return null;
  const ticketId = (notification as Record<string, unknown>)['ticket_id'];
  return typeof ticketId === 'string' ? ticketId : null;
}

/**
 * While someone is signed in, their new notifications arrive over SSE: the inbox reloads, and so
 * does any open view of the ticket the notification is about (a reporter then sees their report
 * change even when it is hidden from the public channel).
 */
export function useLiveNotifications(userId: string | null) {
  const queryClient = useQueryClient();
  useLiveStream(userId, {
    url: userStreamUrl,
    types: ['NotificationCreated'],
    onEvent: (event) => {
      void queryClient.invalidateQueries({ queryKey: notificationsQueryKey });
      const ticketId = ticketOf(event);
      if (ticketId) {
        void queryClient.invalidateQueries({
          predicate: (query) => query.queryKey[0] === 'tickets' && query.queryKey.includes(ticketId),
        });
      }
    },
    onOpen: (again) => {
      if (again) void queryClient.invalidateQueries({ queryKey: notificationsQueryKey });
    },
  });
}
