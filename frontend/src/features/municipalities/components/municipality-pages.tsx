import { Link, useNavigate } from 'react-router';

import { focusRing } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useMunicipality } from '@/features/municipalities/api/get-municipality';
import { MunicipalityForm } from '@/features/municipalities/components/municipality-form';
import { useI18n } from '@/lib/i18n';

function BackLink() {
  const { t } = useI18n();
  return (
    <Link to="/admin/municipalities" className={`inline-block font-medium text-emerald-800 underline underline-offset-4 ${focusRing}`}>
      {t('municipalities.back')}
    </Link>
  );
}

export function NewMunicipalityPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <section aria-labelledby="municipality-heading" className="max-w-3xl space-y-4">
      <title>{`${t('municipalities.createTitle')} · CityFix`}</title>
      <BackLink />
      <h1 id="municipality-heading" className="text-3xl font-bold tracking-tight text-slate-900">
        {t('municipalities.createTitle')}
      </h1>
      <MunicipalityForm onCreated={(created) => void navigate(`/admin/municipalities/${created.id}`)} />
    </section>
  );
}

export function EditMunicipalityPage({ municipalityId }: { municipalityId: string }) {
  const { t } = useI18n();
  const municipality = useMunicipality(municipalityId);
  return (
    <section aria-labelledby="municipality-heading" className="max-w-3xl space-y-4">
      <BackLink />
      {municipality.isPending && <Loading />}
      {municipality.isError && <ErrorMessage error={municipality.error} onRetry={() => void municipality.refetch()} />}
      {municipality.data && (
        <>
          <title>{`${t('municipalities.editTitle', { name: municipality.data.name })} · CityFix`}</title>
          <h1 id="municipality-heading" className="text-3xl font-bold tracking-tight text-slate-900">
            {t('municipalities.editTitle', { name: municipality.data.name })}
          </h1>
          <MunicipalityForm key={municipality.data.id} municipality={municipality.data} />
        </>
      )}
    </section>
  );
}
