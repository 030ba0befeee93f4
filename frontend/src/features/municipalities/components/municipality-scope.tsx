import { useId, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';

import { ErrorMessage } from '@/components/ui/error-message';
import { inputClass } from '@/components/ui/form-fields';
import { Loading } from '@/components/ui/spinner';
import { useMunicipalities } from '@/features/municipalities/api/get-municipalities';
import { useUser } from '@/lib/auth';
import { useI18n } from '@/lib/i18n';

/**
 * The municipality a management page works on. A manager's is their own; an admin picks one,
 * kept in `?municipality=` so the choice survives reloads and links. `children` gets its id,
 * and the query string to carry it on to the page's own links.
 */
export function MunicipalityScope({ children }: { children: (municipalityId: string, search: string) => ReactNode }) {
  const { t } = useI18n();
  const { user } = useUser();
  const [params, setParams] = useSearchParams();
  const id = useId();
  const isAdmin = user?.role === 'admin';
  const municipalities = useMunicipalities();

  if (!user) return null;
  if (!isAdmin) {
    if (!user.municipality_id) return <p className="text-slate-700">{t('municipalities.scope.none')}</p>;
    return children(user.municipality_id, '');
  }

  const chosen = params.get('municipality') ?? '';
  const search = chosen ? `?municipality=${encodeURIComponent(chosen)}` : '';
  return (
    <div className="space-y-6">
      <div className="max-w-sm space-y-1">
        <label htmlFor={id} className="block font-medium text-slate-800">
          {t('municipalities.scope.label')}
        </label>
        {municipalities.isPending && <Loading />}
        {municipalities.isError && (
          <ErrorMessage error={municipalities.error} onRetry={() => void municipalities.refetch()} />
        )}
        {municipalities.data && (
          <select
            id={id}
            value={chosen}
            onChange={(event) => {
              const next = new URLSearchParams(params);
              if (event.target.value) next.set('municipality', event.target.value);
              else next.delete('municipality');
              setParams(next, { replace: true });
            }}
            className={inputClass}
          >
            <option value="">{t('municipalities.scope.choose')}</option>
            {municipalities.data.map((municipality) => (
              <option key={municipality.id} value={municipality.id}>
                {municipality.name}
              </option>
            ))}
          </select>
        )}
      </div>
      {chosen ? children(chosen, search) : <p className="text-slate-700">{t('municipalities.scope.prompt')}</p>}
    </div>
  );
}
