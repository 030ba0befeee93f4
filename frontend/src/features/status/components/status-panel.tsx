import { useHealth, type ServiceStatus } from '@/features/status/api/get-health';
import { ApiError } from '@/lib/api-client';
import { useI18n } from '@/lib/i18n';

function isUp(status: ServiceStatus): boolean {
  return status === 'up';
}

function StatusDot({ up }: { up: boolean }) {
  return (
    <span
      aria-hidden="true"
      className={`inline-block size-2.5 shrink-0 rounded-full ${up ? 'bg-emerald-500' : 'bg-red-500'}`}
    />
  );
}

export function StatusPanel() {
  const { t } = useI18n();
  const health = useHealth();

  return (
    <section
      aria-labelledby="status-heading"
      className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="status-heading" className="text-lg font-semibold text-slate-900">
          {t('health.title')}
        </h2>
        {health.data && (
          <p
            className={`rounded-full px-3 py-1 text-sm font-medium ${
              health.data.status === 'ok'
                ? 'bg-emerald-50 text-emerald-800'
                : 'bg-amber-50 text-amber-900'
            }`}
          >
            {health.data.status === 'ok' ? t('health.ok') : t('health.degraded')}
          </p>
        )}
      </div>

      <div aria-live="polite" aria-busy={health.isPending} className="mt-4">
        {health.isPending && <p className="text-slate-600">{t('health.checking')}</p>}

        {health.isError && (
          <div role="alert" className="space-y-3">
            <p className="text-red-800">
              {t('health.failed', {
                message: health.error instanceof ApiError ? health.error.message : '',
              })}
            </p>
            <button
              type="button"
              onClick={() => void health.refetch()}
              className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700"
            >
              {t('common.retry')}
            </button>
          </div>
        )}

        {health.data &&
          (Object.keys(health.data.services).length === 0 ? (
            <p className="text-slate-600">{t('health.none')}</p>
          ) : (
            <ul aria-label={t('health.services')} className="grid gap-2 sm:grid-cols-2">
              {Object.entries(health.data.services)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([name, service]) => {
                  const label = isUp(service.status)
                    ? { text: t('health.up'), up: true }
                    : { text: t('health.down'), up: false };
                  return (
                    <li
                      key={name}
                      className="flex items-center justify-between gap-3 rounded-lg bg-slate-50 px-3 py-2"
                    >
                      <span className="font-medium text-slate-800 capitalize">{name}</span>
                      <span
                        className={`flex items-center gap-2 text-sm font-medium ${
                          label.up ? 'text-emerald-800' : 'text-red-800'
                        }`}
                      >
                        <StatusDot up={label.up} />
                        {label.text}
                      </span>
                    </li>
                  );
                })}
            </ul>
          ))}
      </div>
    </section>
  );
}
