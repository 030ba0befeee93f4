import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useSendTestPing } from '@/features/integrations/api/deliveries';
import {
  useDeleteWebhookEndpoint,
  useRotateWebhookSecret,
  useUpdateWebhookEndpoint,
  useWebhookEndpoints,
  type WebhookEndpoint,
} from '@/features/integrations/api/webhooks';
import { Deliveries } from '@/features/integrations/components/deliveries';
import { OneTimeSecret } from '@/features/integrations/components/one-time-secret';
import { WebhookForm, type CategoryOption } from '@/features/integrations/components/webhook-form';
import { useI18n } from '@/lib/i18n';

type Props = { municipalityId: string; categories: CategoryOption[] };

type EndpointProps = {
  endpoint: WebhookEndpoint;
  municipalityId: string;
  categoryNames: Map<string, string>;
  onDelete: () => void;
  deleting: boolean;
};

function Endpoint({ endpoint, municipalityId, categoryNames, onDelete, deleting }: EndpointProps) {
  const { t, formatDateTime } = useI18n();
  const url = endpoint.url;
  const update = useUpdateWebhookEndpoint(municipalityId);
  const rotate = useRotateWebhookSecret();
  const ping = useSendTestPing();
  const [showDeliveries, setShowDeliveries] = useState(false);
  const deliveriesId = `deliveries-${endpoint.id}`;
  const error = update.error ?? rotate.error ?? ping.error;

  return (
    <li className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <div className="space-y-1">
        <h3 className="font-mono font-semibold break-all text-slate-900">{url}</h3>
        {endpoint.description && <p className="text-slate-700">{endpoint.description}</p>}
      </div>
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-600">{t('integrations.hooks.events')}</dt>
        <dd className="font-mono break-words text-slate-900">
          {endpoint.event_types.length ? endpoint.event_types.join(', ') : <span className="font-sans">{t('integrations.hooks.allEvents')}</span>}
        </dd>
        <dt className="font-medium text-slate-600">{t('integrations.hooks.categories')}</dt>
        <dd className="text-slate-900">
          {endpoint.category_ids.length
            ? endpoint.category_ids.map((id) => categoryNames.get(id) ?? id).join(', ')
            : t('integrations.hooks.allCategories')}
        </dd>
        <dt className="font-medium text-slate-600">{t('integrations.hooks.created')}</dt>
        <dd className="text-slate-900">{formatDateTime(endpoint.created_at)}</dd>
      </dl>
      {endpoint.enabled ? (
        <p className="font-medium text-emerald-800">{t('integrations.hooks.enabled')}</p>
      ) : (
        <div className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950">
          <p className="font-medium">
            {endpoint.disabled_at ? t('integrations.hooks.disabledAt', { when: formatDateTime(endpoint.disabled_at) }) : t('integrations.hooks.disabled')}
          </p>
          {endpoint.disabled_reason && <p className="text-sm">{t('integrations.hooks.disabledReason', { reason: endpoint.disabled_reason })}</p>}
        </div>
      )}
      {error && <ErrorMessage error={error} />}
      {update.isSuccess && (
        <p role="status" className="font-medium text-emerald-800">
          {update.data.enabled ? t('integrations.hooks.nowEnabled', { url }) : t('integrations.hooks.nowDisabled', { url })}
        </p>
      )}
      {ping.isSuccess && (
        <p role="status" className="font-medium text-emerald-800">
          {t('integrations.hooks.testQueued', { url })}
        </p>
      )}
      {rotate.isSuccess && (
        <OneTimeSecret
          title={t('integrations.hooks.secret.title', { url })}
          warning={t('integrations.hooks.secret.warning')}
          secret={rotate.data.secret}
          onDone={() => rotate.reset()}
        />
      )}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          aria-label={endpoint.enabled ? t('integrations.hooks.disableLabel', { url }) : t('integrations.hooks.enableLabel', { url })}
          disabled={update.isPending}
          onClick={() => {
            rotate.reset();
            ping.reset();
            update.mutate({ id: endpoint.id, changes: { enabled: !endpoint.enabled } });
          }}
        >
          {endpoint.enabled ? t('integrations.hooks.disable') : t('integrations.hooks.enable')}
        </Button>
        <Button
          variant="secondary"
          aria-label={t('integrations.hooks.testLabel', { url })}
          disabled={ping.isPending}
          onClick={() => {
            update.reset();
            ping.mutate(endpoint.id, { onSuccess: () => setShowDeliveries(true) });
          }}
        >
          {t('integrations.hooks.test')}
        </Button>
        <ConfirmAction
          trigger={t('integrations.hooks.rotate')}
          triggerLabel={t('integrations.hooks.rotateLabel', { url })}
          title={t('integrations.hooks.rotate.title', { url })}
          description={t('integrations.hooks.rotate.body')}
          confirm={t('integrations.hooks.rotate')}
          cancel={t('manage.cancel')}
          destructive
          disabled={rotate.isPending}
          onConfirm={() => rotate.mutate(endpoint.id)}
        />
        <Button
          variant="secondary"
          aria-expanded={showDeliveries}
          aria-controls={deliveriesId}
          aria-label={t('integrations.hooks.showDeliveriesLabel', { url })}
          onClick={() => setShowDeliveries((shown) => !shown)}
        >
          {t('integrations.hooks.showDeliveries')}
        </Button>
        <ConfirmAction
          trigger={t('integrations.hooks.delete')}
          triggerLabel={t('integrations.hooks.deleteLabel', { url })}
          title={t('integrations.hooks.delete.title', { url })}
          description={t('integrations.hooks.delete.body')}
          confirm={t('integrations.hooks.delete')}
          cancel={t('manage.cancel')}
          destructive
          disabled={deleting}
          onConfirm={onDelete}
        />
      </div>
      <div id={deliveriesId}>{showDeliveries && <Deliveries endpointId={endpoint.id} url={url} />}</div>
    </li>
  );
}

/** The municipality's webhook endpoints with their actions and deliveries, and the form for a new one. */
export function WebhookEndpoints({ municipalityId, categories }: Props) {
  const { t } = useI18n();
  const endpoints = useWebhookEndpoints(municipalityId);
  const remove = useDeleteWebhookEndpoint(municipalityId);
  const list = endpoints.data?.pages.flatMap((page) => page.data) ?? [];
  const categoryNames = new Map(categories.map((category) => [category.id, category.name]));

  return (
    <section aria-labelledby="webhooks-heading" className="space-y-4">
      <div className="space-y-1">
        <h2 id="webhooks-heading" className="text-2xl font-semibold text-slate-900">
          {t('integrations.hooks.title')}
        </h2>
        <p className="max-w-3xl text-slate-700">{t('integrations.hooks.intro')}</p>
      </div>
      {remove.isError && <ErrorMessage error={remove.error} />}
      {remove.isSuccess && (
        <p role="status" className="font-medium text-emerald-800">
          {t('integrations.hooks.deleted', { url: remove.data.url })}
        </p>
      )}
      {endpoints.isPending && <Loading />}
      {endpoints.isError && <ErrorMessage error={endpoints.error} onRetry={() => void endpoints.refetch()} />}
      {endpoints.isSuccess && list.length === 0 && <p className="text-slate-700">{t('integrations.hooks.empty')}</p>}
      {list.length > 0 && (
        <ul aria-label={t('integrations.hooks.list')} className="space-y-3">
          {list.map((endpoint) => (
            <Endpoint
              key={endpoint.id}
              endpoint={endpoint}
              municipalityId={municipalityId}
              categoryNames={categoryNames}
              deleting={remove.isPending}
              onDelete={() => remove.mutate(endpoint)}
            />
          ))}
        </ul>
      )}
      {endpoints.hasNextPage && (
        <Button variant="secondary" onClick={() => void endpoints.fetchNextPage()} disabled={endpoints.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
      <WebhookForm municipalityId={municipalityId} categories={categories.filter((category) => category.active)} />
    </section>
  );
}
