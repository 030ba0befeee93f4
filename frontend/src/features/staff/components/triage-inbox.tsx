import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useCategoryName } from '@/features/staff/api/get-categories';
import { NO_FILTERS, useStaffTickets, type TicketFilters } from '@/features/staff/api/get-staff-tickets';
import type { Ticket } from '@/features/staff/api/types';
import { AssignForm } from '@/features/staff/components/assign-panel';
import { StaffTicketCard } from '@/features/staff/components/staff-ticket-card';
import { StatusActions } from '@/features/staff/components/status-actions';
import { useUser } from '@/lib/auth';
import { useI18n } from '@/lib/i18n';

/** What waits for a manager's decision: new and reopened tickets, the oldest first. */
export const TRIAGE_FILTERS: TicketFilters = {
  ...NO_FILTERS,
  status: ['received', 'reopened'],
  sort: 'created_at',
  order: 'asc',
};

export function TriageInbox() {
  const { t } = useI18n();
  const { user } = useUser();
  const inbox = useStaffTickets(TRIAGE_FILTERS);
  const categoryName = useCategoryName(user?.municipality_id);
  const tickets = inbox.data?.pages.flatMap((page) => page.data) ?? [];
  const [done, setDone] = useState<string | null>(null);
  if (!user) return null;
  const changed = (ticket: Ticket) =>
    setDone(
      ticket.status === 'assigned' && ticket.assigned_operator_name
        ? `${ticket.reference}: ${t('staff.assign.assigned', { name: ticket.assigned_operator_name })}`
        : t('staff.triage.done', { reference: ticket.reference, status: t(`status.${ticket.status}`) }),
    );

  return (
    <section aria-labelledby="triage-heading" className="space-y-4">
      <title>{`${t('staff.triage.title')} · CityFix`}</title>
      <h1 id="triage-heading" className="text-3xl font-bold tracking-tight text-slate-900">
        {t('staff.triage.title')}
      </h1>
      <p className="text-slate-700">{t('staff.triage.intro')}</p>
      <p role="status" className="text-emerald-800 empty:hidden">
        {done}
      </p>
      {inbox.isPending && <Loading />}
      {inbox.isError && <ErrorMessage error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.isSuccess && tickets.length === 0 && <p className="text-slate-700">{t('staff.triage.empty')}</p>}
      {tickets.length > 0 && (
        <ol className="space-y-4">
          {tickets.map((ticket) => (
            <li key={ticket.id}>
              <StaffTicketCard
                ticket={ticket}
                categoryName={categoryName(ticket.category_id)}
                trailing={
                  <div className="space-y-3 border-t border-slate-200 pt-3">
                    <AssignForm ticket={ticket} compact onAssigned={changed} />
                    <StatusActions ticket={ticket} user={user} compact onChanged={changed} />
                  </div>
                }
              />
            </li>
          ))}
        </ol>
      )}
      {inbox.hasNextPage && (
        <Button variant="secondary" onClick={() => void inbox.fetchNextPage()} disabled={inbox.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </section>
  );
}
