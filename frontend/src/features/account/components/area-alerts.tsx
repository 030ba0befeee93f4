import { useId, useState, type FormEvent } from 'react';

import { Button, focusRing } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import {
  useAlerts,
  useCreateAlert,
  useDeleteAlert,
  type AreaAlert,
  type NewAreaAlert,
  type Point,
} from '@/features/account/api/area-alerts';
import { useAlertCategories, useMunicipalities, useMunicipalityAt } from '@/features/account/api/area-lookup';
import { AlertMap } from '@/features/account/components/alert-map';
import { problemFor, Saved, Section } from '@/features/account/components/section';
import { useI18n } from '@/lib/i18n';

const DEFAULT_RADIUS = 500;
const input = `block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 ${focusRing}`;

function describeArea(alert: AreaAlert, municipalityName: (id: string) => string, t: ReturnType<typeof useI18n>['t']) {
  if (alert.kind === 'radius' && alert.center) {
    return t('account.alertRadiusAround', {
      radius: alert.radius_m ?? 0,
      lat: alert.center.lat.toFixed(4),
      lon: alert.center.lon.toFixed(4),
    });
  }
  return alert.municipality_id ? t('account.alertMunicipality', { name: municipalityName(alert.municipality_id) }) : t('account.alertWhole');
}

function AlertList({ alerts, municipalityName }: { alerts: AreaAlert[]; municipalityName: (id: string) => string }) {
  const { t } = useI18n();
  const remove = useDeleteAlert();
  if (alerts.length === 0) return <p className="text-slate-700">{t('account.alertsEmpty')}</p>;
  return (
    <div className="space-y-2">
      {remove.isError && <ErrorMessage error={remove.error} />}
      <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200">
        {alerts.map((alert) => (
          <li key={alert.alert_id} className="flex flex-wrap items-center justify-between gap-2 p-3">
            <div>
              <p className="font-medium text-slate-900">{alert.name}</p>
              <p className="text-sm text-slate-700">
                {describeArea(alert, municipalityName, t)} ·{' '}
                {(alert.category_ids ?? []).length === 0
                  ? t('account.alertAllCategories')
                  : t('account.alertSomeCategories', { count: (alert.category_ids ?? []).length })}
              </p>
            </div>
            <Button
              variant="secondary"
              aria-label={t('account.deleteAlert', { name: alert.name })}
              disabled={remove.isPending}
              onClick={() => remove.mutate(alert.alert_id)}
            >
              {t('account.delete')}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Area alerts: the person's list, and a new one drawn on the map (a circle, or a whole municipality). */
export function AreaAlerts() {
  const { t } = useI18n();
  const ids = useId();
  const alerts = useAlerts();
  const create = useCreateAlert();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<NewAreaAlert['kind']>('radius');
  const [point, setPoint] = useState<Point | null>(null);
  const [radius, setRadius] = useState(DEFAULT_RADIUS);
  const [chosenMunicipality, setChosenMunicipality] = useState<string | null>(null);
  const [categoryIds, setCategoryIds] = useState<string[]>([]);
  const [gpsProblem, setGpsProblem] = useState(false);

  const located = useMunicipalityAt(point);
  const municipalities = useMunicipalities(true);
  const municipalityId = kind === 'municipality' ? (chosenMunicipality ?? located.data?.municipality_id) : located.data?.municipality_id;
  const categories = useAlertCategories(municipalityId);
  const municipalityName = (id: string) => municipalities.data?.find((m) => m.id === id)?.name ?? (located.data?.municipality_id === id ? located.data.name : id);

  function pick(next: Point) {
    setPoint(next);
    setChosenMunicipality(null);
    setCategoryIds([]);
  }

  function useMyPosition() {
    setGpsProblem(false);
    if (!('geolocation' in navigator)) {
      setGpsProblem(true);
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => pick({ lat: position.coords.latitude, lon: position.coords.longitude }),
      () => setGpsProblem(true),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }

  const ready =
    name.trim() !== '' && (kind === 'radius' ? point !== null && radius >= 50 && radius <= 10_000 : Boolean(municipalityId));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!ready) return;
    const alert: NewAreaAlert =
      kind === 'radius'
        ? { name: name.trim(), kind, center: point, radius_m: radius, category_ids: categoryIds }
        : { name: name.trim(), kind, municipality_id: municipalityId ?? null, category_ids: categoryIds };
    create.mutate(alert, {
      onSuccess: () => {
        setName('');
        setCategoryIds([]);
      },
    });
  }

  return (
    <Section id="account-alerts" title={t('account.alerts')}>
      <p className="text-slate-700">{t('account.alertsHint')}</p>
      {alerts.isPending && <Loading />}
      {alerts.isError && <ErrorMessage error={alerts.error} onRetry={() => void alerts.refetch()} />}
      {alerts.data && <AlertList alerts={alerts.data.data} municipalityName={municipalityName} />}

      <form onSubmit={onSubmit} className="space-y-4 border-t border-slate-200 pt-4">
        <TextField
          label={t('account.alertName')}
          hint={t('account.alertNameHint')}
          value={name}
          maxLength={80}
          required
          onChange={(event) => setName(event.target.value)}
          problem={problemFor(create.error, 'name')}
        />
        <fieldset className="space-y-1">
          <legend className="font-medium text-slate-800">{t('account.alertKind')}</legend>
          {(['radius', 'municipality'] as const).map((option) => (
            <label key={option} className="flex items-center gap-2">
              <input
                type="radio"
                name={`${ids}-kind`}
                value={option}
                checked={kind === option}
                onChange={() => setKind(option)}
                className="accent-emerald-700"
              />
              {t(`account.alertKind.${option}`)}
            </label>
          ))}
        </fieldset>

        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-3">
            <Button variant="secondary" onClick={useMyPosition}>
              {t('report.useMyPosition')}
            </Button>
            <p role="status" className="text-sm text-slate-700">
              {point
                ? t('account.alertPoint', { lat: point.lat.toFixed(5), lon: point.lon.toFixed(5) })
                : t('account.alertPick')}
            </p>
          </div>
          {gpsProblem && (
            <p role="alert" className="text-sm text-red-800">
              {t('report.gpsFailed')}
            </p>
          )}
          <AlertMap
            point={point}
            radius={kind === 'radius' ? radius : null}
            alerts={alerts.data?.data ?? []}
            onPick={pick}
          />
          {located.isError && <ErrorMessage error={located.error} />}
        </div>

        {kind === 'radius' ? (
          <TextField
            label={t('account.alertRadius')}
            hint={t('account.alertRadiusHint')}
            type="number"
            min={50}
            max={10_000}
            step={50}
            required
            value={radius}
            onChange={(event) => setRadius(Number(event.target.value))}
            problem={problemFor(create.error, 'radius_m')}
          />
        ) : (
          <div className="space-y-1">
            <label htmlFor={`${ids}-municipality`} className="block font-medium text-slate-800">
              {t('account.alertKind.municipality')}
            </label>
            <select
              id={`${ids}-municipality`}
              required
              value={municipalityId ?? ''}
              onChange={(event) => {
                setChosenMunicipality(event.target.value || null);
                setCategoryIds([]);
              }}
              className={input}
            >
              <option value="">–</option>
              {(municipalities.data ?? []).map((municipality) => (
                <option key={municipality.id} value={municipality.id}>
                  {municipality.name}
                </option>
              ))}
            </select>
            {municipalities.isError && <ErrorMessage error={municipalities.error} />}
          </div>
        )}

        {categories.data && categories.data.length > 0 && (
          <fieldset className="space-y-1">
            <legend className="font-medium text-slate-800">{t('account.alertCategories')}</legend>
            <div className="grid gap-1 sm:grid-cols-2">
              {categories.data.map((category) => (
                <label key={category.id} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={categoryIds.includes(category.id)}
                    onChange={(event) =>
                      setCategoryIds((current) =>
                        event.target.checked ? [...current, category.id] : current.filter((id) => id !== category.id),
                      )
                    }
                    className="size-4 accent-emerald-700"
                  />
                  {category.name}
                </label>
              ))}
            </div>
          </fieldset>
        )}

        {create.isError && <ErrorMessage error={create.error} />}
        {create.isSuccess && <Saved>{t('account.alertCreated', { name: create.data.name })}</Saved>}
        <Button type="submit" disabled={!ready || create.isPending}>
          {t('account.createAlert')}
        </Button>
      </form>
    </Section>
  );
}
