import { Link } from 'react-router';

import { TicketCard } from '@/components/tickets/ticket-card';
import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useMyReports } from '@/features/my-reports/api/get-my-reports';
import { useI18n } from '@/lib/i18n';

export function MyReports() {
  const { t } = useI18n();
  const reports = useMyReports();
  const tickets = reports.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <section aria-labelledby="my-reports-heading" className="space-y-4">
      <title>{`${t('myReports.title')} · CityFix`}</title>
      <h1 id="my-reports-heading" className="text-3xl font-bold tracking-tight text-slate-900">
        {t('myReports.title')}
      </h1>
      {reports.isPending && <Loading />}
      {reports.isError && <ErrorMessage error={reports.error} onRetry={() => void reports.refetch()} />}
      {reports.isSuccess && tickets.length === 0 && (
        <p className="text-slate-700">
          <Link to="/" className="text-emerald-800 underline underline-offset-4">
            {t('myReports.empty')}
          </Link>
        </p>
      )}
      {tickets.length > 0 && (
        <ul className="space-y-3">
          {tickets.map((ticket) => (
            <li key={ticket.id}>
              <TicketCard ticket={ticket} />
            </li>
          ))}
        </ul>
      )}
      {reports.hasNextPage && (
        <Button variant="secondary" onClick={() => void reports.fetchNextPage()} disabled={reports.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </section>
  );
}
