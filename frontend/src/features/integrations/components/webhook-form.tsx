import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';

import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/form-fields';
import { fieldProblemMap, FormError } from '@/components/ui/form-error';
import { TextField } from '@/components/ui/text-field';
import { useCreateWebhookEndpoint } from '@/features/integrations/api/webhooks';
import { OneTimeSecret } from '@/features/integrations/components/one-time-secret';
import { EVENT_TYPE_GROUPS } from '@/features/integrations/event-types';
import { ApiError } from '@/lib/api-client';
import { useI18n } from '@/lib/i18n';

export type CategoryOption = { id: string; name: string; active: boolean };

/** Which field an error belongs beside: the API names most in `details.fields`, these by their code. */
const FIELD_OF_CODE: Record<string, string> = {
  destination_refused: 'url',
  unknown_event_type: 'event_types',
  unknown_category: 'category_ids',
};
const FIELDS = ['url', 'description', 'event_types', 'category_ids'];

function problemsOf(error: unknown): Record<string, string> {
  const problems = fieldProblemMap(error);
  if (error instanceof ApiError) {
    const field = FIELD_OF_CODE[error.code];
    if (field) problems[field] = error.message;
  }
  return problems;
}

function toggle(list: string[], value: string, on: boolean) {
  return on ? [...list, value] : list.filter((item) => item !== value);
}

/** A fieldset of checkboxes with its hint and the server's problem, both announced with the group. */
function CheckboxGroup({
  legend,
  hint,
  problem,
  children,
}: {
  legend: string;
  hint: string;
  problem?: string | undefined;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset
      aria-describedby={[`${id}-hint`, problem ? `${id}-problem` : null].filter(Boolean).join(' ')}
      aria-invalid={problem ? true : undefined}
      className="space-y-2 rounded-lg border border-slate-200 p-3"
    >
      <legend className="px-1 font-medium text-slate-800">{legend}</legend>
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        {hint}
      </p>
      {problem && (
        <p id={`${id}-problem`} className="text-sm text-red-800">
          {problem}
        </p>
      )}
      {children}
    </fieldset>
  );
}

function Checkbox({ label, checked, onChange, mono = false }: { label: string; checked: boolean; onChange: (on: boolean) => void; mono?: boolean }) {
  return (
    <label className={`flex items-center gap-2 text-sm text-slate-800 ${mono ? 'font-mono' : ''}`}>
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} className="size-4 accent-emerald-700" />
      {label}
    </label>
  );
}

/** A new webhook endpoint: URL, optional description and filters; its signing secret is shown once. */
export function WebhookForm({ municipalityId, categories }: { municipalityId: string; categories: CategoryOption[] }) {
  const { t } = useI18n();
  const create = useCreateWebhookEndpoint(municipalityId);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [eventTypes, setEventTypes] = useState<string[]>([]);
  const [categoryIds, setCategoryIds] = useState<string[]>([]);
  const urlBox = useRef<HTMLDivElement>(null);
  const problems = problemsOf(create.error);
  const codeShownBeside = create.error instanceof ApiError && create.error.code in FIELD_OF_CODE;

  // A refused URL is said beside the field; move there so a screen reader reads it with the field.
  useEffect(() => {
    if (create.error instanceof ApiError && FIELD_OF_CODE[create.error.code] === 'url') urlBox.current?.querySelector('input')?.focus();
  }, [create.error]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      { url: url.trim(), description: description.trim(), event_types: eventTypes, category_ids: categoryIds },
      {
        onSuccess: () => {
          setUrl('');
          setDescription('');
          setEventTypes([]);
          setCategoryIds([]);
        },
      },
    );
  }

  return (
    <section aria-labelledby="create-webhook" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <h3 id="create-webhook" className="text-lg font-semibold text-slate-900">
        {t('integrations.hooks.create')}
      </h3>
      {create.isSuccess && (
        <OneTimeSecret
          title={t('integrations.hooks.secret.title', { url: create.data.endpoint.url })}
          warning={t('integrations.hooks.secret.warning')}
          secret={create.data.secret}
          onDone={() => create.reset()}
        />
      )}
      <form onSubmit={onSubmit} className="space-y-4">
        <div className="grid gap-4 lg:grid-cols-2">
          <div ref={urlBox}>
          <TextField
            label={t('integrations.hooks.field.url')}
            hint={t('integrations.hooks.field.urlHint')}
            type="url"
            inputMode="url"
            placeholder="https://works.example.org/cityfix"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            required
            maxLength={2000}
            autoComplete="off"
            problem={problems['url']}
          />
          </div>
          <TextAreaField
            label={t('integrations.hooks.field.description')}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            maxLength={200}
            rows={2}
            problem={problems['description']}
          />
        </div>
        <CheckboxGroup legend={t('integrations.hooks.field.events')} hint={t('integrations.hooks.field.eventsHint')} problem={problems['event_types']}>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {EVENT_TYPE_GROUPS.map((group) => (
              <fieldset key={group.label} className="space-y-1">
                <legend className="text-sm font-semibold text-slate-700">{t(group.label)}</legend>
                {group.types.map((type) => (
                  <Checkbox
                    key={type}
                    label={type}
                    mono
                    checked={eventTypes.includes(type)}
                    onChange={(on) => setEventTypes((list) => toggle(list, type, on))}
                  />
                ))}
              </fieldset>
            ))}
          </div>
        </CheckboxGroup>
        <CheckboxGroup
          legend={t('integrations.hooks.field.categories')}
          hint={t('integrations.hooks.field.categoriesHint')}
          problem={problems['category_ids']}
        >
          {categories.length === 0 ? (
            <p className="text-sm text-slate-700">{t('integrations.hooks.field.noCategories')}</p>
          ) : (
            <div className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
              {categories.map((category) => (
                <Checkbox
                  key={category.id}
                  label={category.name}
                  checked={categoryIds.includes(category.id)}
                  onChange={(on) => setCategoryIds((list) => toggle(list, category.id, on))}
                />
              ))}
            </div>
          )}
        </CheckboxGroup>
        {create.isError && !codeShownBeside && <FormError error={create.error} shownFields={FIELDS} />}
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t('integrations.hooks.submitting') : t('integrations.hooks.submit')}
        </Button>
      </form>
    </section>
  );
}
