import { Link } from 'react-router';

import { focusRing } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/status-badge';
import type { components } from '@/lib/api-client';
import { useI18n } from '@/lib/i18n';

type Ticket = components['schemas']['TicketView'];

/** A ticket in a list: reference, status, what it is about, where, and a link to its page. */
export function TicketCard({ ticket }: { ticket: Ticket }) {
  const { t, formatDateTime } = useI18n();
  return (
    <article className="relative space-y-1.5 rounded-xl border border-slate-200 bg-white p-3 shadow-sm hover:border-emerald-600">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-semibold text-slate-900">
          <Link
            to={`/tickets/${ticket.id}`}
            aria-label={t('ticket.open', { reference: ticket.reference })}
            className={`rounded after:absolute after:inset-0 ${focusRing}`}
          >
            {ticket.reference}
          </Link>
        </h3>
        <StatusBadge status={ticket.status} />
      </div>
      <p className="line-clamp-2 text-slate-700">{ticket.description}</p>
      <p className="text-sm text-slate-600">
        {ticket.address ? `${ticket.address} · ` : ''}
        <time dateTime={ticket.created_at}>{formatDateTime(ticket.created_at)}</time>
      </p>
    </article>
  );
}
