import * as Popover from '@radix-ui/react-popover';
import { useId, useState } from 'react';
import { Link } from 'react-router';

import { Button, focusRing } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useNotifications, type Notification } from '@/features/notifications/api/get-notifications';
import { useMarkAllRead, useMarkRead } from '@/features/notifications/api/mark-read';
import { describeNotification } from '@/features/notifications/components/describe-notification';
import { useI18n } from '@/lib/i18n';

function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
      <path strokeLinecap="round" strokeLinejoin="round" d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path strokeLinecap="round" strokeLinejoin="round" d="M13.7 21a2 2 0 0 1-3.4 0" />
    </svg>
  );
}

function Item({ notification, onOpen }: { notification: Notification; onOpen: () => void }) {
  const { t, formatDateTime } = useI18n();
  const markRead = useMarkRead();
  const unread = !notification.read_at;
  return (
    <li className={`space-y-1 border-b border-slate-100 px-4 py-3 last:border-b-0 ${unread ? 'bg-emerald-50' : ''}`}>
      <div className="flex items-start gap-2">
        {unread && <span aria-hidden="true" className="mt-2 size-2 shrink-0 rounded-full bg-emerald-700" />}
        <Link
          to={`/tickets/${notification.ticket_id}`}
          onClick={() => {
            if (unread) markRead.mutate(notification.id);
            onOpen();
          }}
          className={`rounded font-medium text-slate-900 underline-offset-4 hover:underline ${focusRing}`}
        >
          {describeNotification(notification, t)}
          {unread && ' '}
          {unread && <span className="sr-only">({t('bell.unread')})</span>}
        </Link>
      </div>
      {notification.excerpt && <p className="line-clamp-2 text-sm text-slate-700">{notification.excerpt}</p>}
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
        <time dateTime={notification.created_at}>{formatDateTime(notification.created_at)}</time>
        {unread && (
          <button
            type="button"
            onClick={() => markRead.mutate(notification.id)}
            disabled={markRead.isPending}
            aria-label={t('bell.markReadOf', { reference: notification.reference })}
            className={`rounded font-medium text-emerald-800 underline underline-offset-4 ${focusRing}`}
          >
            {t('bell.markRead')}
          </button>
        )}
      </div>
      {markRead.isError && <ErrorMessage error={markRead.error} />}
    </li>
  );
}

/**
 * The bell in the header: how many notifications are unread, and a panel with the inbox. New
 * notifications arrive live over SSE (LiveNotifications, mounted once for the whole app).
 */
export function NotificationBell() {
  const { t } = useI18n();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const inbox = useNotifications(true);
  const readAll = useMarkAllRead();
  const unread = inbox.data?.pages[0]?.unread_count ?? 0;
  const notifications = inbox.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger
        aria-label={unread > 0 ? t('bell.labelUnread', { count: unread }) : t('bell.label')}
        className={`relative rounded-md p-1.5 text-slate-700 hover:bg-slate-100 hover:text-slate-900 ${focusRing}`}
      >
        <BellIcon />
        {unread > 0 && (
          <span
            aria-hidden="true"
            className="absolute -top-1 -right-1 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs leading-5 font-semibold text-white"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={8}
          collisionPadding={8}
          aria-labelledby={titleId}
          className="z-[1100] flex max-h-[min(32rem,80dvh)] w-[min(24rem,calc(100vw-1rem))] flex-col rounded-xl border border-slate-200 bg-white shadow-xl"
        >
          <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
            <h2 id={titleId} className="font-semibold text-slate-900">
              {t('bell.title')}
            </h2>
            <Button
              variant="link"
              className="text-sm"
              disabled={unread === 0 || readAll.isPending}
              onClick={() => readAll.mutate()}
            >
              {t('bell.readAll')}
            </Button>
          </div>
          <div className="overflow-y-auto">
            {inbox.isPending && (
              <div className="p-4">
                <Loading />
              </div>
            )}
            {inbox.isError && (
              <div className="p-4">
                <ErrorMessage error={inbox.error} onRetry={() => void inbox.refetch()} />
              </div>
            )}
            {readAll.isError && (
              <div className="p-4">
                <ErrorMessage error={readAll.error} />
              </div>
            )}
            {inbox.isSuccess && notifications.length === 0 && (
              <p className="p-4 text-slate-700">{t('bell.empty')}</p>
            )}
            {notifications.length > 0 && (
              <ul aria-labelledby={titleId}>
                {notifications.map((notification) => (
                  <Item key={notification.id} notification={notification} onOpen={() => setOpen(false)} />
                ))}
              </ul>
            )}
            {inbox.hasNextPage && (
              <div className="p-3">
                <Button variant="secondary" className="w-full" disabled={inbox.isFetchingNextPage} onClick={() => void inbox.fetchNextPage()}>
                  {t('bell.more')}
                </Button>
              </div>
            )}
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
