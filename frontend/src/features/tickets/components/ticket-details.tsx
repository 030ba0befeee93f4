import { useState } from 'react';
import { Link } from 'react-router';

import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { StatusBadge } from '@/components/ui/status-badge';
import { useTicket } from '@/features/tickets/api/get-ticket';
import { useLiveTicket, type TicketStatus } from '@/features/tickets/api/live-ticket';
import { CommentForm } from '@/features/tickets/components/comment-form';
import { ResolutionFeedback } from '@/features/tickets/components/resolution-feedback';
import { TicketActions } from '@/features/tickets/components/ticket-actions';
import { TicketPhotos } from '@/features/tickets/components/ticket-photos';
import { Timeline } from '@/features/tickets/components/timeline';
import { ApiError } from '@/lib/api-client';
import { useI18n } from '@/lib/i18n';

export function TicketDetails({ ticketId }: { ticketId: string }) {
  const { t, formatDateTime } = useI18n();
  const ticket = useTicket(ticketId);
  const [liveStatus, setLiveStatus] = useState<TicketStatus | null>(null);
  useLiveTicket(ticket.data, setLiveStatus);

  if (ticket.isPending) return <Loading />;
  if (ticket.isError) {
    const notFound = ticket.error instanceof ApiError && ticket.error.status === 404;
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold text-slate-900">{t('common.errorTitle')}</h1>
        {notFound ? (
          <p role="alert">{t('ticket.notFound')}</p>
        ) : (
          <ErrorMessage error={ticket.error} onRetry={() => void ticket.refetch()} />
        )}
        <Link to="/" className="text-emerald-800 underline underline-offset-4">
          {t('ticket.backToMap')}
        </Link>
      </div>
    );
  }

  const { data } = ticket;
  return (
    <article className="space-y-8">
      <title>{`${data.reference} · CityFix`}</title>
      <header className="space-y-3">
        <Link to="/" className="text-sm text-emerald-800 underline underline-offset-4">
          {t('ticket.backToMap')}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">{data.reference}</h1>
          <StatusBadge status={data.status} />
        </div>
        <p role="status" aria-live="polite" className="text-sm text-emerald-800 empty:hidden">
          {/* Said once the page shows it too, so the words and the badge never disagree. */}
          {liveStatus && liveStatus === data.status ? t('live.statusNow', { status: t(`status.${liveStatus}`) }) : ''}
        </p>
        <p className="text-lg whitespace-pre-line text-slate-800">{data.description}</p>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-medium text-slate-600">{t('ticket.reported')}</dt>
            <dd>
              <time dateTime={data.created_at}>{formatDateTime(data.created_at)}</time>
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">{t('ticket.updated')}</dt>
            <dd>
              <time dateTime={data.updated_at}>{formatDateTime(data.updated_at)}</time>
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-600">{data.address ? t('ticket.address') : t('ticket.location')}</dt>
            <dd>{data.address ?? `${data.location.lat.toFixed(5)}, ${data.location.lon.toFixed(5)}`}</dd>
          </div>
          {data.support_count > 0 && (
            <div>
              <dt className="sr-only">{t('ticket.support')}</dt>
              <dd>{t('ticket.supporters', { count: data.support_count })}</dd>
            </div>
          )}
        </dl>
        <TicketActions ticket={data} />
      </header>
      <ResolutionFeedback ticket={data} />
      <TicketPhotos ticket={data} />
      <Timeline ticketId={data.id} />
      <CommentForm ticketId={data.id} />
    </article>
  );
}
