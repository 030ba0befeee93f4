import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useFailedDeliveries } from '@/features/dead-letters/api/get-failed-deliveries';
import { useI18n } from '@/lib/i18n';

const cell = 'py-2 pr-3 align-top';

/** Emails the notifications service gave up on, newest first. */
export function FailedDeliveries() {
  const { t, formatDateTime } = useI18n();
  const deliveries = useFailedDeliveries();
  const list = deliveries.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <section aria-labelledby="failed-heading" className="space-y-4">
      <title>{`${t('failed.title')} · CityFix`}</title>
      <div className="space-y-1">
        <h1 id="failed-heading" className="text-3xl font-bold tracking-tight text-slate-900">
          {t('failed.title')}
        </h1>
        <p className="max-w-3xl text-slate-700">{t('failed.intro')}</p>
      </div>
      {deliveries.isPending && <Loading />}
      {deliveries.isError && <ErrorMessage error={deliveries.error} onRetry={() => void deliveries.refetch()} />}
      {deliveries.isSuccess && list.length === 0 && <p className="text-slate-700">{t('failed.empty')}</p>}
      {list.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[48rem] text-left">
            <caption className="sr-only">{t('failed.title')}</caption>
            <thead>
              <tr className="text-sm text-slate-600">
                <th scope="col" className={`${cell} font-medium`}>{t('failed.col.when')}</th>
                <th scope="col" className={`${cell} font-medium`}>{t('failed.col.kind')}</th>
                <th scope="col" className={`${cell} font-medium`}>{t('failed.col.recipient')}</th>
                <th scope="col" className={`${cell} font-medium`}>{t('failed.col.attempts')}</th>
                <th scope="col" className={`${cell} font-medium`}>{t('failed.col.error')}</th>
                <th scope="col" className={`${cell} font-medium`}>{t('failed.col.event')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((delivery) => (
                <tr key={delivery.id} className="border-t border-slate-200">
                  <th scope="row" className={`${cell} text-sm font-medium whitespace-nowrap`}>
                    {formatDateTime(delivery.created_at)}
                  </th>
                  <td className={cell}>{delivery.kind}</td>
                  <td className={`${cell} font-mono text-sm break-all`}>{delivery.recipient_id}</td>
                  <td className={cell}>{delivery.attempts}</td>
                  <td className={`${cell} text-sm break-words`}>{delivery.last_error ?? '—'}</td>
                  <td className={`${cell} font-mono text-xs break-all`}>{delivery.event_id}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deliveries.hasNextPage && (
        <Button variant="secondary" onClick={() => void deliveries.fetchNextPage()} disabled={deliveries.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </section>
  );
}
