import { Link } from 'react-router';

import { focusRing } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useAllCategories, type Category } from '@/features/categories/api/get-categories';
import { useI18n, type Translate } from '@/lib/i18n';

export function slaText(t: Translate, hours: number | null): string {
  if (hours === null) return t('categories.noSla');
  return hours % 24 === 0 ? t('categories.days', { count: hours / 24 }) : t('categories.hours', { count: hours });
}

const linkClass = `font-medium text-emerald-800 underline underline-offset-4 hover:text-emerald-900 ${focusRing}`;

function Row({ category, search }: { category: Category; search: string }) {
  const { t } = useI18n();
  return (
    <tr className="border-t border-slate-200 align-top">
      <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-900">
        {category.name}
        {category.group && <span className="block text-sm font-normal text-slate-600">{category.group}</span>}
      </th>
      <td className="hidden py-2 pr-3 font-mono text-sm md:table-cell">{category.code}</td>
      <td className="py-2 pr-3">{slaText(t, category.sla_hours)}</td>
      <td className="hidden py-2 pr-3 md:table-cell">{t(`categories.priority.${category.default_priority ?? 'normal'}`)}</td>
      <td className="hidden py-2 pr-3 md:table-cell">{category.questions.length}</td>
      <td className="py-2 pr-3">
        <span className={category.active ? 'text-emerald-800' : 'text-slate-600'}>
          {category.active ? t('categories.active') : t('categories.inactive')}
        </span>
      </td>
      <td className="py-2">
        <Link
          to={`/staff/settings/categories/${category.id}${search}`}
          aria-label={t('categories.editLabel', { name: category.name })}
          className={linkClass}
        >
          {t('categories.edit')}
        </Link>
      </td>
    </tr>
  );
}

/**
 * A municipality's categories, deactivated ones too, with their SLA at a glance. On a phone the
 * table keeps name, SLA, state and the edit link; code, priority and questions are on the edit page.
 */
export function CategoryList({ municipalityId, search = '' }: { municipalityId: string; search?: string }) {
  const { t } = useI18n();
  const categories = useAllCategories(municipalityId);
  const sorted = [...(categories.data ?? [])].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name),
  );
  return (
    <section aria-labelledby="categories-heading" className="space-y-4">
      <title>{`${t('categories.title')} · CityFix`}</title>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h1 id="categories-heading" className="text-3xl font-bold tracking-tight text-slate-900">
            {t('categories.title')}
          </h1>
          <p className="text-slate-700">{t('categories.intro')}</p>
        </div>
        <Link
          to={`/staff/settings/categories/new${search}`}
          className={`rounded-lg bg-emerald-700 px-4 py-2 font-semibold text-white hover:bg-emerald-800 ${focusRing}`}
        >
          {t('categories.new')}
        </Link>
      </div>
      {categories.isPending && <Loading />}
      {categories.isError && <ErrorMessage error={categories.error} onRetry={() => void categories.refetch()} />}
      {categories.isSuccess && sorted.length === 0 && <p className="text-slate-700">{t('categories.empty')}</p>}
      {sorted.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left">
            <caption className="sr-only">{t('categories.title')}</caption>
            <thead>
              <tr className="text-sm text-slate-600">
                <th scope="col" className="py-2 pr-3 font-medium">{t('categories.col.name')}</th>
                <th scope="col" className="hidden py-2 pr-3 font-medium md:table-cell">{t('categories.col.code')}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t('categories.col.sla')}</th>
                <th scope="col" className="hidden py-2 pr-3 font-medium md:table-cell">{t('categories.col.priority')}</th>
                <th scope="col" className="hidden py-2 pr-3 font-medium md:table-cell">{t('categories.col.questions')}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t('categories.col.state')}</th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">{t('categories.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((category) => (
                <Row key={category.id} category={category} search={search} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
