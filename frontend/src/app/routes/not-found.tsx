import { Link } from 'react-router';

import { MainLayout } from '@/components/layouts/main-layout';
import { focusRing } from '@/components/ui/button';
import { useI18n } from '@/lib/i18n';

export default function NotFoundRoute() {
  const { t } = useI18n();
  return (
    <MainLayout>
      <title>{`${t('notFound.title')} · CityFix`}</title>
      <div className="space-y-4">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t('notFound.title')}</h1>
        <p className="text-slate-700">{t('notFound.body')}</p>
        <Link
          to="/"
          className={`inline-block rounded-md font-medium text-emerald-800 underline underline-offset-4 hover:text-emerald-900 ${focusRing}`}
        >
          {t('notFound.home')}
        </Link>
      </div>
    </MainLayout>
  );
}
