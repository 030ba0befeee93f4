import { ErrorMessage } from '@/components/ui/error-message';
import { Button } from '@/components/ui/button';
import { Loading } from '@/components/ui/spinner';
import { useTimeline, type TimelineEntry } from '@/features/tickets/api/get-timeline';
import { useI18n, type Translate } from '@/lib/i18n';

/** What happened, in one line, in the reader's language. */
export function describeEntry(entry: TimelineEntry, t: Translate): string {
  switch (entry.kind) {
    case 'created':
      return t('timeline.created');
    case 'assigned':
      return entry.operator_name
        ? t('timeline.assigned', { name: entry.operator_name })
        : t('timeline.assignedSomeone');
    case 'unassigned':
      return t('timeline.unassigned');
    case 'status_changed':
      return entry.to
        ? t('timeline.status_changed', { status: t(`status.${entry.to}`) })
        : t('timeline.other');
    case 'reopened':
      return t('timeline.reopened');
    case 'comment':
      return t('timeline.comment');
    case 'feedback':
      return t('timeline.feedback', { rating: entry.rating ?? '–' });
    case 'supported':
      return t('timeline.supported');
    default:
      return t('timeline.other');
  }
}

export function describeActor(entry: TimelineEntry, t: Translate): string {
  const who = entry.actor_name
    ? t('timeline.by', { name: entry.actor_name })
    : t(`timeline.byRole.${entry.actor_role}`);
  return entry.by_reporter ? `${who} (${t('timeline.reporter')})` : who;
}

function Entry({ entry }: { entry: TimelineEntry }) {
  const { t, formatDateTime } = useI18n();
  const text = entry.body ?? entry.note;
  return (
    <li className="relative space-y-1 border-l-2 border-slate-200 pb-4 pl-4">
      <span aria-hidden="true" className="absolute top-1.5 -left-[5px] size-2 rounded-full bg-emerald-700" />
      <p className="font-medium text-slate-900">
        {describeEntry(entry, t)}
        {entry.visibility === 'internal' && (
          <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t('timeline.internal')}</span>
        )}
      </p>
      <p className="text-sm text-slate-600">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> · {describeActor(entry, t)}
      </p>
      {text && <p className="whitespace-pre-line text-slate-800">{text}</p>}
    </li>
  );
}

export function Timeline({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const timeline = useTimeline(ticketId);
  const entries = timeline.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <section aria-labelledby="timeline-heading" className="space-y-3">
      <h2 id="timeline-heading" className="text-xl font-semibold text-slate-900">
        {t('ticket.timeline')}
      </h2>
      {timeline.isPending && <Loading />}
      {timeline.isError && <ErrorMessage error={timeline.error} onRetry={() => void timeline.refetch()} />}
      {timeline.isSuccess && entries.length === 0 && <p className="text-slate-600">{t('ticket.timelineEmpty')}</p>}
      {entries.length > 0 && (
        <ol className="ml-1">
          {entries.map((entry) => (
            <Entry key={entry.sequence} entry={entry} />
          ))}
        </ol>
      )}
      {timeline.hasNextPage && (
        <Button variant="secondary" onClick={() => void timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </section>
  );
}
