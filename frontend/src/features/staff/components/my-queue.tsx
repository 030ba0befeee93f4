import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useCategoryName } from '@/features/staff/api/get-categories';
import { byDueThenPriority, useQueue } from '@/features/staff/api/get-queue';
import { StaffTicketCard } from '@/features/staff/components/staff-ticket-card';
import { useUser } from '@/lib/auth';
import { useI18n } from '@/lib/i18n';

/** The operator's work, phone first: one card per ticket, soonest due first. */
export function MyQueue() {
  const { t } = useI18n();
  const { user } = useUser();
  const queue = useQueue();
  const categoryName = useCategoryName(user?.municipality_id);
  const own = user?.role === 'operator';
  const title = own ? t('staff.queue.title') : t('staff.queue.titleAll');
  const tickets = (queue.data?.pages.flatMap((page) => page.data) ?? []).slice().sort(byDueThenPriority);

  return (
    <section aria-labelledby="queue-heading" className="space-y-4">
      <title>{`${title} · CityFix`}</title>
      <h1 id="queue-heading" className="text-3xl font-bold tracking-tight text-slate-900">
        {title}
      </h1>
      <p className="text-slate-700">{own ? t('staff.queue.intro') : t('staff.queue.introAll')}</p>
      {queue.isPending && <Loading />}
      {queue.isError && <ErrorMessage error={queue.error} onRetry={() => void queue.refetch()} />}
      {queue.isSuccess && tickets.length === 0 && <p className="text-slate-700">{t('staff.queue.empty')}</p>}
      {tickets.length > 0 && (
        <ol className="space-y-3">
          {tickets.map((ticket) => (
            <li key={ticket.id}>
              <StaffTicketCard ticket={ticket} categoryName={categoryName(ticket.category_id)} />
            </li>
          ))}
        </ol>
      )}
      {queue.hasNextPage && (
        <Button variant="secondary" onClick={() => void queue.fetchNextPage()} disabled={queue.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </section>
  );
}
