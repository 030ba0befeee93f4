import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useCategoryName } from '@/features/staff/api/get-categories';
import { NO_FILTERS, useStaffTickets, type TicketFilters } from '@/features/staff/api/get-staff-tickets';
import type { StaffUser } from '@/features/staff/api/types';
import { StaffTicketCard } from '@/features/staff/components/staff-ticket-card';
import { useI18n } from '@/lib/i18n';

/** Open tickets past their due time, the longest overdue first. */
export const OVERDUE_FILTERS: TicketFilters = { ...NO_FILTERS, overdue: true, sort: 'due_at', order: 'asc' };

export function OverdueList({ user }: { user: StaffUser }) {
  const { t } = useI18n();
  const overdue = useStaffTickets(OVERDUE_FILTERS);
  const categoryName = useCategoryName(user.municipality_id);
  const tickets = overdue.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <section aria-labelledby="overdue-heading" className="space-y-4">
      <title>{`${t('staff.overdue.title')} · CityFix`}</title>
      <h1 id="overdue-heading" className="text-3xl font-bold tracking-tight text-slate-900">
        {t('staff.overdue.title')}
      </h1>
      <p className="text-slate-700">{t('staff.overdue.intro')}</p>
      {overdue.isPending && <Loading />}
      {overdue.isError && <ErrorMessage error={overdue.error} onRetry={() => void overdue.refetch()} />}
      {overdue.isSuccess && tickets.length === 0 && <p className="text-slate-700">{t('staff.overdue.empty')}</p>}
      {tickets.length > 0 && (
        <ol className="space-y-3">
          {tickets.map((ticket) => (
            <li key={ticket.id}>
              <StaffTicketCard ticket={ticket} categoryName={categoryName(ticket.category_id)} />
            </li>
          ))}
        </ol>
      )}
      {overdue.hasNextPage && (
        <Button variant="secondary" onClick={() => void overdue.fetchNextPage()} disabled={overdue.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </section>
  );
}
