import { useId, useState, type KeyboardEvent } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import type { Point } from '@/features/report/api/locate';
import { useGeocode } from '@/features/report/api/geocode';
import { useI18n } from '@/lib/i18n';

/** Find the place by its address: the way to choose it without a map or a GPS fix. */
export function AddressSearch({ onPick }: { onPick: (point: Point) => void }) {
  const { t } = useI18n();
  const inputId = useId();
  const [query, setQuery] = useState('');
  const search = useGeocode();
  const searched = search.variables;

  function submit() {
    const q = query.trim();
    if (q.length >= 2) search.mutate(q);
  }

  // It sits inside the report's own form: Enter searches here instead of sending the report.
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      submit();
    }
  }

  return (
    <div className="space-y-2">
      <div role="search" aria-label={t('address.search')} className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 space-y-1">
          <label htmlFor={inputId} className="block font-medium text-slate-800">
            {t('address.search')}
          </label>
          <input
            id={inputId}
            type="search"
            value={query}
            minLength={2}
            maxLength={300}
            autoComplete="street-address"
            placeholder={t('address.placeholder')}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={onKeyDown}
            className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 focus-visible:border-emerald-700 focus-visible:outline-2 focus-visible:outline-emerald-700"
          />
        </div>
        <Button variant="secondary" onClick={submit} disabled={search.isPending || query.trim().length < 2}>
          {search.isPending ? t('address.searching') : t('address.submit')}
        </Button>
      </div>
      {search.isError && <ErrorMessage error={search.error} />}
      {search.isSuccess && search.data.length === 0 && (
        <p role="status" className="text-sm text-slate-700">
          {t('address.none', { query: searched ?? '' })}
        </p>
      )}
      {search.isSuccess && search.data.length > 0 && (
        <ul aria-label={t('address.results')} className="space-y-1">
          {search.data.map((place) => (
            <li key={`${place.lat},${place.lon},${place.address}`}>
              <Button
                variant="secondary"
                className="w-full text-left"
                aria-label={t('address.use', { address: place.address })}
                onClick={() => {
                  onPick({ lat: place.lat, lon: place.lon });
                  search.reset();
                }}
              >
                {place.address}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
