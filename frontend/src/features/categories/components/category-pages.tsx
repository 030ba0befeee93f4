import { Link, useNavigate } from 'react-router';

import { focusRing } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useAllCategories } from '@/features/categories/api/get-categories';
import { CategoryForm } from '@/features/categories/components/category-form';
import { useI18n } from '@/lib/i18n';

type Scope = { municipalityId: string; search?: string };

function BackLink({ search }: { search: string }) {
  const { t } = useI18n();
  return (
    <Link
      to={`/staff/settings/categories${search}`}
      className={`inline-block font-medium text-emerald-800 underline underline-offset-4 ${focusRing}`}
    >
      {t('categories.back')}
    </Link>
  );
}

export function NewCategoryPage({ municipalityId, search = '' }: Scope) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <section aria-labelledby="category-heading" className="max-w-3xl space-y-4">
      <title>{`${t('categories.createTitle')} · CityFix`}</title>
      <BackLink search={search} />
      <h1 id="category-heading" className="text-3xl font-bold tracking-tight text-slate-900">
        {t('categories.createTitle')}
      </h1>
      <CategoryForm
        municipalityId={municipalityId}
        onCreated={() => void navigate(`/staff/settings/categories${search}`)}
      />
    </section>
  );
}

export function EditCategoryPage({ municipalityId, categoryId, search = '' }: Scope & { categoryId: string }) {
  const { t } = useI18n();
  const categories = useAllCategories(municipalityId);
  const category = categories.data?.find((c) => c.id === categoryId);
  return (
    <section aria-labelledby="category-heading" className="max-w-3xl space-y-4">
      <BackLink search={search} />
      {categories.isPending && <Loading />}
      {categories.isError && <ErrorMessage error={categories.error} onRetry={() => void categories.refetch()} />}
      {categories.isSuccess && !category && <p role="alert">{t('categories.notFound')}</p>}
      {category && (
        <>
          <title>{`${t('categories.editTitle', { name: category.name })} · CityFix`}</title>
          <h1 id="category-heading" className="text-3xl font-bold tracking-tight text-slate-900">
            {t('categories.editTitle', { name: category.name })}
          </h1>
          <CategoryForm key={category.id} municipalityId={municipalityId} category={category} />
        </>
      )}
    </section>
  );
}
