import { ErrorMessage } from '@/components/ui/error-message';
import { useCategoryNames } from '@/features/integrations/api/categories';
import { ApiKeys } from '@/features/integrations/components/api-keys';
import { WebhookEndpoints } from '@/features/integrations/components/webhook-endpoints';
import { useI18n } from '@/lib/i18n';

/** A municipality's connections to other systems: Open311 API keys and webhook endpoints. */
export function Integrations({ municipalityId }: { municipalityId: string }) {
  const { t } = useI18n();
  const categories = useCategoryNames(municipalityId);
  return (
    <div className="space-y-10">
      <title>{`${t('integrations.title')} · CityFix`}</title>
      <div className="space-y-1">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t('integrations.title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('integrations.intro')}</p>
      </div>
      <ApiKeys municipalityId={municipalityId} />
      {categories.isError && <ErrorMessage error={categories.error} onRetry={() => void categories.refetch()} />}
      <WebhookEndpoints municipalityId={municipalityId} categories={categories.data ?? []} />
    </div>
  );
}
