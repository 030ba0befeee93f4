import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { focusRing } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/status-badge';
import type { Ticket } from '@/features/staff/api/types';
import { isOverdue } from '@/features/staff/lib/status-table';
import { useI18n } from '@/lib/i18n';

export function DueLabel({ ticket }: { ticket: Pick<Ticket, 'status' | 'due_at'> }) {
  const { t, formatDateTime } = useI18n();
  if (!ticket.due_at) return <span className="text-slate-600">{t('staff.ticket.noDue')}</span>;
  const when = formatDateTime(ticket.due_at);
  if (isOverdue(ticket)) {
    return (
      <span className="inline-flex items-center gap-1 rounded bg-red-100 px-1.5 font-semibold text-red-900">
        <span aria-hidden="true">⚠</span>
        <time dateTime={ticket.due_at}>{t('staff.ticket.overdueSince', { when })}</time>
      </span>
    );
  }
  return (
    <time dateTime={ticket.due_at} className="text-slate-700">
      {t('staff.ticket.due', { when })}
    </time>
  );
}

export function PriorityLabel({ priority }: { priority: Ticket['priority'] }) {
  const { t } = useI18n();
  const strong = priority === 'urgent' || priority === 'high';
  return (
    <span className={strong ? 'font-semibold text-orange-900' : 'text-slate-700'}>
      {t('staff.ticket.priority', { priority: t(`staff.priority.${priority}`) })}
    </span>
  );
}

/**
 * A ticket in a staff list: reference (the link to its work view), status, category, where, when due.
 * `leading` holds a selection checkbox, `trailing` quick actions; neither sits inside the link.
 */
export function StaffTicketCard({
  ticket,
  categoryName,
  leading,
  trailing,
}: {
  ticket: Ticket;
  categoryName: string;
  leading?: ReactNode;
  trailing?: ReactNode;
}) {
  const { t } = useI18n();
  const overdue = isOverdue(ticket);
  return (
    <article
      className={`space-y-2 rounded-xl border bg-white p-3 shadow-sm ${overdue ? 'border-red-300' : 'border-slate-200'}`}
    >
      <div className="flex items-start gap-3">
        {leading}
        <div className="min-w-0 flex-1 space-y-1">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-lg font-semibold text-slate-900">
              <Link
                to={`/staff/tickets/${ticket.id}`}
                aria-label={t('staff.ticket.open', { reference: ticket.reference })}
                className={`rounded underline-offset-4 hover:underline ${focusRing}`}
              >
                {ticket.reference}
              </Link>
            </h3>
            <StatusBadge status={ticket.status} />
          </div>
          <p className="font-medium text-slate-800">{categoryName}</p>
          <p className="text-slate-700">
            {ticket.address ?? `${ticket.location.lat.toFixed(5)}, ${ticket.location.lon.toFixed(5)}`}
          </p>
          <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
            <DueLabel ticket={ticket} />
            <PriorityLabel priority={ticket.priority} />
            {ticket.assigned_operator_name && (
              <span className="text-slate-700">
                {t('staff.ticket.operator')}: {ticket.assigned_operator_name}
              </span>
            )}
          </p>
          <p className="line-clamp-2 text-sm text-slate-600">{ticket.description}</p>
        </div>
      </div>
      {trailing}
    </article>
  );
}
