import { lazy, Suspense, useId, useState, type ChangeEvent, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { CheckboxField } from '@/components/ui/form-fields';
import { fieldProblemMap, FormError } from '@/components/ui/form-error';
import { Loading } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import type { Municipality } from '@/features/municipalities/api/get-municipality';
import {
  useCreateMunicipality,
  useUpdateMunicipality,
  type MunicipalityChanges,
  type NewMunicipality,
} from '@/features/municipalities/api/save-municipality';
import {
  parseBoundaryText,
  readBoundary,
  type Boundary,
  type BoundaryProblem,
  type BoundarySummary,
} from '@/features/municipalities/components/boundary-file';
import { toWorkingWeek, weekDraft, type WeekDraft } from '@/features/municipalities/components/working-hours';
import { WorkingHoursEditor, workingHourFields } from '@/features/municipalities/components/working-hours-editor';
import { ApiError } from '@/lib/api-client';
import { useI18n } from '@/lib/i18n';

// Leaflet loads only when there is a shape to show.
const BoundaryMap = lazy(() => import('@/features/municipalities/components/boundary-map'));

/** The API's refusals of a boundary: shown beside the file input, not only at the top. */
const BOUNDARY_CODES = new Set([
  'invalid_boundary',
  'invalid_geometry',
  'ring_too_short',
  'ring_not_closed',
  'coordinates_swapped',
  'coordinates_out_of_range',
  'too_many_vertices',
  'boundary_too_large',
  'boundary_overlaps',
]);

const FIELDS = ['name', 'slug', 'reference_prefix', 'contact_email', 'default_locale', 'timezone', 'active', 'boundary'];

type BoundaryChange =
  | { kind: 'keep' }
  | { kind: 'remove' }
  | ({ kind: 'new'; source: string } & BoundarySummary);

function boundaryErrorOf(error: unknown): { message: string; repaired: Boundary | null } | null {
  if (!(error instanceof ApiError)) return null;
  const onField = error.fieldProblems.filter((p) => p.field === 'boundary' || p.field.startsWith('boundary.'));
  if (!BOUNDARY_CODES.has(error.code) && onField.length === 0) return null;
  const details = typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
  const repaired = error.code === 'invalid_geometry' ? readBoundary(details['repaired']) : null;
  return {
    message: BOUNDARY_CODES.has(error.code) ? error.message : onField.map((p) => p.problem).join(' '),
    repaired: repaired?.ok ? repaired.boundary : null,
  };
}

function roundTo(value: number): string {
  return value.toFixed(4);
}

type Props = { municipality?: Municipality; onCreated?: (municipality: Municipality) => void };

/** Create or edit a municipality, with its boundary read from a GeoJSON file and shown on a map. */
export function MunicipalityForm({ municipality, onCreated }: Props) {
  const { t } = useI18n();
  const ids = useId();
  const [name, setName] = useState(municipality?.name ?? '');
  const [slug, setSlug] = useState(municipality?.slug ?? '');
  const [prefix, setPrefix] = useState(municipality?.reference_prefix ?? '');
  const [email, setEmail] = useState(municipality?.contact_email ?? '');
  const [locale, setLocale] = useState(municipality?.default_locale ?? 'de');
  const [timezone, setTimezone] = useState(municipality?.timezone ?? 'Europe/Berlin');
  const [active, setActive] = useState(municipality?.active ?? true);
  const [week, setWeek] = useState<WeekDraft | null>(() => weekDraft(municipality?.working_hours));
  const [change, setChange] = useState<BoundaryChange>({ kind: 'keep' });
  const [fileProblem, setFileProblem] = useState<BoundaryProblem | { code: 'unreadable' } | null>(null);
  const [reading, setReading] = useState(false);

  const create = useCreateMunicipality();
  const update = useUpdateMunicipality(municipality?.id ?? '');
  const save = municipality ? update : create;
  const problems = fieldProblemMap(save.error);
  const boundaryError = boundaryErrorOf(save.error);

  const current = municipality?.boundary ? readBoundary(municipality.boundary) : null;
  const shown: (BoundarySummary & { title: string }) | null =
    change.kind === 'new'
      ? { ...change, title: t('municipalities.boundary.new', { file: change.source }) }
      : change.kind === 'keep' && current?.ok
        ? { ...current, title: t('municipalities.boundary.current') }
        : null;

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setReading(true);
    save.reset();
    try {
      const parsed = parseBoundaryText(await file.text());
      if (parsed.ok) {
        setChange({ kind: 'new', source: file.name, ...parsed });
        setFileProblem(null);
      } else {
        setFileProblem(parsed.problem);
      }
    } catch {
      setFileProblem({ code: 'unreadable' });
    } finally {
      setReading(false);
    }
  }

  function chooseRepaired(boundary: Boundary) {
    const parsed = readBoundary(boundary);
    if (!parsed.ok) return;
    setChange({ kind: 'new', source: t('municipalities.boundary.useRepaired'), ...parsed });
    save.reset();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const boundary =
      change.kind === 'new' ? { boundary: change.boundary } : change.kind === 'remove' ? { boundary: null } : {};
    if (municipality) {
      const body: MunicipalityChanges = {
        name: name.trim(),
        slug: slug.trim(),
        contact_email: email.trim() || null,
        default_locale: locale.trim(),
        timezone: timezone.trim(),
        active,
        working_hours: week ? toWorkingWeek(week) : null,
        ...boundary,
      };
      update.mutate(body, { onSuccess: () => setChange({ kind: 'keep' }) });
    } else {
      const body: NewMunicipality = {
        name: name.trim(),
        slug: slug.trim(),
        reference_prefix: prefix.trim(),
        default_locale: locale.trim(),
        timezone: timezone.trim(),
        active,
        ...(email.trim() ? { contact_email: email.trim() } : {}),
        ...(week ? { working_hours: toWorkingWeek(week) } : {}),
        ...(change.kind === 'new' ? { boundary: change.boundary } : {}),
      };
      create.mutate(body, { onSuccess: (created) => onCreated?.(created) });
    }
  }

  const fileProblemText = fileProblem
    ? fileProblem.code === 'unreadable'
      ? t('municipalities.boundary.problem.unreadable')
      : t(`municipalities.boundary.problem.${fileProblem.code}`, 'values' in fileProblem ? fileProblem.values : {})
    : undefined;
  const boundaryProblem = fileProblemText ?? boundaryError?.message;

  return (
    <form onSubmit={onSubmit} className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('municipalities.field.name')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          minLength={2}
          maxLength={120}
          problem={problems['name']}
        />
        <TextField
          label={t('municipalities.field.slug')}
          hint={t('municipalities.field.slugHint')}
          value={slug}
          onChange={(event) => setSlug(event.target.value)}
          required
          minLength={2}
          maxLength={60}
          problem={problems['slug']}
        />
        <TextField
          label={t('municipalities.field.prefix')}
          hint={t('municipalities.field.prefixHint')}
          value={prefix}
          onChange={(event) => setPrefix(event.target.value.toUpperCase())}
          required
          minLength={2}
          maxLength={5}
          disabled={municipality !== undefined}
          problem={problems['reference_prefix']}
        />
        <TextField
          label={t('municipalities.field.email')}
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          problem={problems['contact_email']}
        />
        <TextField
          label={t('municipalities.field.locale')}
          hint={t('municipalities.field.localeHint')}
          value={locale}
          onChange={(event) => setLocale(event.target.value)}
          required
          problem={problems['default_locale']}
        />
        <TextField
          label={t('municipalities.field.timezone')}
          hint={t('municipalities.field.timezoneHint')}
          value={timezone}
          onChange={(event) => setTimezone(event.target.value)}
          required
          problem={problems['timezone']}
        />
      </div>
      <CheckboxField label={t('municipalities.field.active')} checked={active} onChange={setActive} problem={problems['active']} />

      <WorkingHoursEditor week={week} onChange={setWeek} problems={problems} />

      <section aria-labelledby={`${ids}-boundary`} className="space-y-3">
        <h2 id={`${ids}-boundary`} className="text-xl font-semibold text-slate-900">
          {t('municipalities.boundary')}
        </h2>
        <div className="space-y-1">
          <label htmlFor={`${ids}-file`} className="block font-medium text-slate-800">
            {t('municipalities.boundary.file')}
          </label>
          <input
            id={`${ids}-file`}
            type="file"
            accept=".geojson,.json,application/geo+json,application/json"
            onChange={(event) => void onFile(event)}
            aria-invalid={boundaryProblem ? true : undefined}
            aria-describedby={`${ids}-file-hint${boundaryProblem ? ` ${ids}-file-problem` : ''}`}
            className="block w-full text-sm text-slate-800 file:mr-3 file:rounded-lg file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:font-medium"
          />
          <p id={`${ids}-file-hint`} className="text-sm text-slate-600">
            {t('municipalities.boundary.fileHint')}
          </p>
          {boundaryProblem && (
            <p id={`${ids}-file-problem`} role="alert" className="text-sm text-red-800">
              {boundaryProblem}
            </p>
          )}
          {boundaryError?.repaired && (
            <Button variant="secondary" onClick={() => chooseRepaired(boundaryError.repaired as Boundary)}>
              {t('municipalities.boundary.useRepaired')}
            </Button>
          )}
        </div>
        {reading && <Loading label={t('municipalities.boundary.reading')} />}
        {change.kind === 'remove' && (
          <p className="text-slate-700">
            {t('municipalities.boundary.removed')}{' '}
            <Button variant="link" onClick={() => setChange({ kind: 'keep' })}>
              {t('municipalities.boundary.keep')}
            </Button>
          </p>
        )}
        {!shown && change.kind !== 'remove' && <p className="text-slate-700">{t('municipalities.boundary.none')}</p>}
        {shown && (
          <div className="space-y-2">
            <p className="font-medium text-slate-800">{shown.title}</p>
            <p className="text-sm text-slate-700">
              {t('municipalities.boundary.summary', {
                polygons: shown.polygons,
                vertices: shown.vertices,
                west: roundTo(shown.bbox[0]),
                south: roundTo(shown.bbox[1]),
                east: roundTo(shown.bbox[2]),
                north: roundTo(shown.bbox[3]),
              })}
            </p>
            <Suspense fallback={<Loading />}>
              <BoundaryMap boundary={shown.boundary} label={t('municipalities.boundary.map')} />
            </Suspense>
            {municipality?.boundary && (
              <Button variant="secondary" onClick={() => setChange({ kind: 'remove' })}>
                {t('municipalities.boundary.remove')}
              </Button>
            )}
          </div>
        )}
      </section>

      {save.isError && (
        <FormError
          error={save.error}
          shownFields={[...(boundaryError ? FIELDS : FIELDS.filter((f) => f !== 'boundary')), ...workingHourFields(problems)]}
        />
      )}
      {municipality && update.isSuccess && (
        <p role="status" className="font-medium text-emerald-800">
          {t('municipalities.saved')}
        </p>
      )}
      <Button type="submit" disabled={save.isPending || reading}>
        {save.isPending ? t('municipalities.saving') : municipality ? t('municipalities.save') : t('municipalities.create')}
      </Button>
    </form>
  );
}
