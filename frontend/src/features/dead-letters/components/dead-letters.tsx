import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useDeadLetters, type DeadLetter } from '@/features/dead-letters/api/get-dead-letters';
import { useReplayDeadLetter } from '@/features/dead-letters/api/replay-dead-letter';
import { useI18n } from '@/lib/i18n';

const cell = 'py-2 pr-3 align-top';

function Row({ letter, onReplay, busy }: { letter: DeadLetter; onReplay: () => void; busy: boolean }) {
  const { t, formatDateTime } = useI18n();
  const unknown = t('deadLetters.unknown');
  const event = letter.event_type ?? unknown;
  return (
    <tr className="border-t border-slate-200">
      <th scope="row" className={`${cell} font-mono text-sm font-medium`}>{letter.id}</th>
      <td className={cell}>
        <span className="font-medium">{event}</span>
        <span className="block font-mono text-xs break-all text-slate-600">{letter.original_subject}</span>
      </td>
      <td className={`${cell} font-mono text-sm`}>{letter.consumer ?? unknown}</td>
      <td className={cell}>{letter.delivery_count ?? unknown}</td>
      <td className={`${cell} text-sm break-words`}>{letter.error}</td>
      <td className={`${cell} text-sm whitespace-nowrap`}>{letter.dead_lettered_at ? formatDateTime(letter.dead_lettered_at) : unknown}</td>
      <td className="py-2 align-top">
        <ConfirmAction
          trigger={t('deadLetters.replay')}
          triggerLabel={t('deadLetters.replayLabel', { id: letter.id })}
          title={t('deadLetters.replay.title', { id: letter.id })}
          description={t('deadLetters.replay.body', {
            event,
            subject: letter.original_subject,
            consumer: letter.consumer ?? unknown,
          })}
          confirm={t('deadLetters.replay')}
          cancel={t('manage.cancel')}
          disabled={busy}
          onConfirm={onReplay}
        />
      </td>
    </tr>
  );
}

/** The platform's dead letters, each with a replay that asks first. */
export function DeadLetters() {
  const { t } = useI18n();
  const letters = useDeadLetters();
  const replay = useReplayDeadLetter();
  const list = letters.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <section aria-labelledby="dead-letters-heading" className="space-y-4">
      <title>{`${t('deadLetters.title')} · CityFix`}</title>
      <div className="space-y-1">
        <h1 id="dead-letters-heading" className="text-3xl font-bold tracking-tight text-slate-900">
          {t('deadLetters.title')}
        </h1>
        <p className="max-w-3xl text-slate-700">{t('deadLetters.intro')}</p>
      </div>
      {replay.isError && <ErrorMessage error={replay.error} />}
      {replay.isSuccess && (
        <p role="status" className="font-medium text-emerald-800">
          {replay.data.duplicate
            ? t('deadLetters.replayedDuplicate', { id: replay.data.id })
            : t('deadLetters.replayed', { id: replay.data.id, subject: replay.data.subject })}
        </p>
      )}
      {letters.isPending && <Loading />}
      {letters.isError && <ErrorMessage error={letters.error} onRetry={() => void letters.refetch()} />}
      {letters.isSuccess && list.length === 0 && <p className="text-slate-700">{t('deadLetters.empty')}</p>}
      {list.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[48rem] text-left">
            <caption className="sr-only">{t('deadLetters.title')}</caption>
            <thead>
              <tr className="text-sm text-slate-600">
                <th scope="col" className={`${cell} font-medium`}>{t('deadLetters.col.id')}</th>
                <th scope="col" className={`${cell} font-medium`}>{t('deadLetters.col.event')}</th>
                <th scope="col" className={`${cell} font-medium`}>{t('deadLetters.col.consumer')}</th>
                <th scope="col" className={`${cell} font-medium`}>{t('deadLetters.col.deliveries')}</th>
                <th scope="col" className={`${cell} font-medium`}>{t('deadLetters.col.error')}</th>
                <th scope="col" className={`${cell} font-medium`}>{t('deadLetters.col.when')}</th>
                <th scope="col" className="py-2 font-medium">{t('deadLetters.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((letter) => (
                <Row
                  key={letter.id}
                  letter={letter}
                  busy={replay.isPending && replay.variables === letter.id}
                  onReplay={() => replay.mutate(letter.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {letters.hasNextPage && (
        <Button variant="secondary" onClick={() => void letters.fetchNextPage()} disabled={letters.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </section>
  );
}
