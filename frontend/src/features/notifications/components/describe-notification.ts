import type { Notification } from '@/features/notifications/api/get-notifications';
import type { Translate } from '@/lib/i18n';

/** What a notification says, in one line, in the reader's language. */
export function describeNotification(notification: Notification, t: Translate): string {
  const reference = notification.reference;
  switch (notification.kind) {
    case 'ticket_created':
      if (notification.reason === 'reporter') return t('bell.ticket_created.reporter', { reference });
      if (notification.reason === 'area_alert') return t('bell.ticket_created.area_alert', { reference });
      return t('bell.ticket_created', { reference });
    case 'ticket_assigned':
      if (notification.reason === 'assignee') return t('bell.ticket_assigned.assignee', { reference });
      return notification.operator_name
        ? t('bell.ticket_assigned', { reference, name: notification.operator_name })
        : t('bell.ticket_assigned.someone', { reference });
    case 'status_changed':
      return t('bell.status_changed', { reference, status: t(`status.${notification.status}`) });
    case 'comment_added':
      return t('bell.comment_added', { reference });
    case 'feedback_submitted':
      return t('bell.feedback_submitted', { reference, rating: notification.rating ?? '–' });
    case 'ticket_reopened':
      return t('bell.ticket_reopened', { reference });
    case 'sla_breached':
      return t('bell.sla_breached', { reference });
  }
}
