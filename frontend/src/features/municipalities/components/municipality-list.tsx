import { Link } from 'react-router';

import { focusRing } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useMunicipalities } from '@/features/municipalities/api/get-municipalities';
import { useI18n } from '@/lib/i18n';

const cell = 'py-2 pr-3';

/** Every municipality the platform serves, for admins. */
export function MunicipalityList() {
  const { t } = useI18n();
  const municipalities = useMunicipalities();
  return (
    <section aria-labelledby="municipalities-heading" className="space-y-4">
      <title>{`${t('municipalities.title')} · CityFix`}</title>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h1 id="municipalities-heading" className="text-3xl font-bold tracking-tight text-slate-900">
            {t('municipalities.title')}
          </h1>
          <p className="text-slate-700">{t('municipalities.intro')}</p>
        </div>
        <Link
          to="/admin/municipalities/new"
          className={`rounded-lg bg-emerald-700 px-4 py-2 font-semibold text-white hover:bg-emerald-800 ${focusRing}`}
        >
          {t('municipalities.new')}
        </Link>
      </div>
      {municipalities.isPending && <Loading />}
      {municipalities.isError && <ErrorMessage error={municipalities.error} onRetry={() => void municipalities.refetch()} />}
      {municipalities.data?.length === 0 && <p className="text-slate-700">{t('municipalities.empty')}</p>}
      {municipalities.data && municipalities.data.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left">
            <caption className="sr-only">{t('municipalities.title')}</caption>
            <thead>
              <tr className="text-sm text-slate-600">
                <th scope="col" className={`${cell} font-medium`}>{t('municipalities.col.name')}</th>
                <th scope="col" className={`${cell} font-medium`}>{t('municipalities.col.slug')}</th>
                <th scope="col" className={`${cell} font-medium`}>{t('municipalities.col.prefix')}</th>
                <th scope="col" className={`${cell} font-medium`}>{t('municipalities.col.boundary')}</th>
                <th scope="col" className={`${cell} font-medium`}>{t('municipalities.col.state')}</th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">{t('municipalities.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {municipalities.data.map((municipality) => (
                <tr key={municipality.id} className="border-t border-slate-200">
                  <th scope="row" className={`${cell} font-medium text-slate-900`}>{municipality.name}</th>
                  <td className={`${cell} font-mono text-sm`}>{municipality.slug}</td>
                  <td className={`${cell} font-mono text-sm`}>{municipality.reference_prefix}</td>
                  <td className={cell}>{municipality.bbox ? t('municipalities.hasBoundary') : t('municipalities.noBoundary')}</td>
                  <td className={cell}>{municipality.active ? t('municipalities.active') : t('municipalities.inactive')}</td>
                  <td className="py-2">
                    <Link
                      to={`/admin/municipalities/${municipality.id}`}
                      aria-label={t('municipalities.editLabel', { name: municipality.name })}
                      className={`font-medium text-emerald-800 underline underline-offset-4 ${focusRing}`}
                    >
                      {t('municipalities.edit')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
