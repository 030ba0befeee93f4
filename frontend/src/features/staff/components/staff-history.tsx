import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useHistory, type HistoryEntry } from '@/features/staff/api/get-history';
import { useI18n, type Translate } from '@/lib/i18n';

function describe(entry: HistoryEntry, t: Translate): string {
  switch (entry.kind) {
    case 'created':
      return t('timeline.created');
    case 'assigned':
      return entry.operator_name ? t('timeline.assigned', { name: entry.operator_name }) : t('timeline.assignedSomeone');
    case 'unassigned':
      return t('timeline.unassigned');
    case 'status_changed':
      return entry.to ? t('timeline.status_changed', { status: t(`status.${entry.to}`) }) : t('timeline.other');
    case 'reopened':
      return t('timeline.reopened');
    case 'feedback':
      return t('timeline.feedback', { rating: entry.rating ?? '–' });
    case 'supported':
      return t('timeline.supported');
    default:
      return entry.event_type;
  }
}

/** What happened to the ticket, with who did it and their notes (comments have their own section). */
export function StaffHistory({ ticketId }: { ticketId: string }) {
  const { t, formatDateTime } = useI18n();
  const history = useHistory(ticketId);
  const entries = (history.data?.pages.flatMap((page) => page.data) ?? []).filter((entry) => entry.kind !== 'comment');

  return (
    <section aria-labelledby="history-heading" className="space-y-3">
      <h2 id="history-heading" className="text-xl font-semibold text-slate-900">
        {t('ticket.timeline')}
      </h2>
      {history.isPending && <Loading />}
      {history.isError && <ErrorMessage error={history.error} onRetry={() => void history.refetch()} />}
      {entries.length > 0 && (
        <ol className="space-y-2">
          {entries.map((entry) => {
            const text = entry.note ?? entry.body;
            return (
              <li key={entry.sequence} className="border-l-2 border-slate-300 pl-3">
                <p className="font-medium text-slate-900">
                  {describe(entry, t)}
                  {entry.duplicate_of ? ` (${entry.duplicate_of})` : ''}
                </p>
                <p className="text-sm text-slate-600">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> ·{' '}
                  {entry.actor_name ?? t(`timeline.byRole.${entry.actor_role}`)}
                  {entry.by_reporter ? ` (${t('timeline.reporter')})` : ''}
                </p>
                {text && <p className="whitespace-pre-line text-slate-800">{text}</p>}
              </li>
            );
          })}
        </ol>
      )}
      {history.hasNextPage && (
        <Button variant="secondary" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </section>
  );
}
