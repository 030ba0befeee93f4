import { useLiveNotifications } from '@/features/notifications/api/live-notifications';
import { useUser } from '@/lib/auth';

/**
 * The signed-in person's live stream, kept open across pages (it sits beside the router's outlet,
 * not in a page's layout, so moving between pages does not reconnect).
 */
export function LiveNotifications() {
  const { user } = useUser();
  useLiveNotifications(user?.id ?? null);
  return null;
}
