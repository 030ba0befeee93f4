import { useId, useState } from 'react';

import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { ErrorMessage } from '@/components/ui/error-message';
import { inputClass } from '@/components/ui/form-fields';
import { Loading } from '@/components/ui/spinner';
import {
  useDeliveries,
  useReplayDelivery,
  type DeliveryStatus,
  type WebhookAttempt,
  type WebhookDelivery,
} from '@/features/integrations/api/deliveries';
import { useI18n } from '@/lib/i18n';

const STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];

const statusClass: Record<DeliveryStatus, string> = {
  pending: 'bg-amber-100 text-amber-950',
  delivered: 'bg-emerald-100 text-emerald-900',
  failed: 'bg-red-100 text-red-900',
};

function Attempt({ attempt }: { attempt: WebhookAttempt }) {
  const { t, formatDateTime } = useI18n();
  const answer =
    attempt.status_code !== null && attempt.status_code !== undefined
      ? t('integrations.deliveries.httpStatus', { status: attempt.status_code })
      : null;
  return (
    <li className="text-sm text-slate-700">
      <time dateTime={attempt.attempted_at}>{formatDateTime(attempt.attempted_at)}</time> ·{' '}
      <span className="font-medium">{t(`integrations.deliveries.outcome.${attempt.outcome}`)}</span>
      {answer && <> · {answer}</>}
      {attempt.error && <> · <span className="break-words">{attempt.error}</span></>} ·{' '}
      {t('integrations.deliveries.duration', { ms: Math.round(attempt.duration_ms) })}
    </li>
  );
}

function Delivery({ delivery, onReplay, busy }: { delivery: WebhookDelivery; onReplay: () => void; busy: boolean }) {
  const { t, formatDateTime } = useI18n();
  const when = formatDateTime(delivery.created_at);
  return (
    <li className="space-y-2 border-t border-slate-200 py-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="space-y-0.5">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-mono font-medium text-slate-900">{delivery.event_type}</span>
            <span className={`rounded px-2 py-0.5 text-sm font-medium ${statusClass[delivery.status]}`}>
              {t(`integrations.deliveries.status.${delivery.status}`)}
            </span>
          </p>
          <p className="text-sm text-slate-600">
            {t('integrations.deliveries.created', { when })}
            {delivery.status === 'pending' && delivery.next_attempt_at && (
              <> · {t('integrations.deliveries.nextAttempt', { when: formatDateTime(delivery.next_attempt_at) })}</>
            )}
          </p>
        </div>
        <ConfirmAction
          trigger={t('integrations.deliveries.replay')}
          triggerLabel={t('integrations.deliveries.replayLabel', { event: delivery.event_type, when })}
          title={t('integrations.deliveries.replay.title', { event: delivery.event_type })}
          description={t('integrations.deliveries.replay.body')}
          confirm={t('integrations.deliveries.replay')}
          cancel={t('manage.cancel')}
          disabled={busy}
          onConfirm={onReplay}
        />
      </div>
      {delivery.attempts.length === 0 ? (
        <p className="text-sm text-slate-600">{t('integrations.deliveries.noAttempts')}</p>
      ) : (
        <ol aria-label={t('integrations.deliveries.attempts')} className="list-inside list-decimal space-y-0.5">
          {delivery.attempts.map((attempt, index) => (
            <Attempt key={`${index}-${attempt.attempted_at}`} attempt={attempt} />
          ))}
        </ol>
      )}
    </li>
  );
}

/** One endpoint's deliveries, newest first, each with its attempts and a replay that asks first. */
export function Deliveries({ endpointId, url }: { endpointId: string; url: string }) {
  const { t } = useI18n();
  const filterId = useId();
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const deliveries = useDeliveries(endpointId, status);
  const replay = useReplayDelivery(endpointId);
  const list = deliveries.data?.pages.flatMap((page) => page.data) ?? [];
  const title = t('integrations.deliveries.title', { url });

  return (
    <section aria-label={title} className="space-y-3 rounded-lg bg-slate-50 p-3">
      <div className="max-w-xs space-y-1">
        <label htmlFor={filterId} className="block text-sm font-medium text-slate-800">
          {t('integrations.deliveries.filter')}
        </label>
        <select
          id={filterId}
          value={status ?? ''}
          onChange={(event) => setStatus((event.target.value || null) as DeliveryStatus | null)}
          className={inputClass}
        >
          <option value="">{t('integrations.deliveries.filter.all')}</option>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`integrations.deliveries.status.${value}`)}
            </option>
          ))}
        </select>
      </div>
      {replay.isError && <ErrorMessage error={replay.error} />}
      {replay.isSuccess && (
        <p role="status" className="font-medium text-emerald-800">
          {t('integrations.deliveries.replayed', { event: replay.data.event_type })}
        </p>
      )}
      {deliveries.isPending && <Loading />}
      {deliveries.isError && <ErrorMessage error={deliveries.error} onRetry={() => void deliveries.refetch()} />}
      {deliveries.isSuccess && list.length === 0 && <p className="text-slate-700">{t('integrations.deliveries.empty')}</p>}
      {list.length > 0 && (
        <ul>
          {list.map((delivery) => (
            <Delivery key={delivery.id} delivery={delivery} busy={replay.isPending} onReplay={() => replay.mutate(delivery.id)} />
          ))}
        </ul>
      )}
      {deliveries.hasNextPage && (
        <Button variant="secondary" onClick={() => void deliveries.fetchNextPage()} disabled={deliveries.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
    </section>
  );
}
