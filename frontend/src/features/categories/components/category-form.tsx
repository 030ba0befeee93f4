import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { CheckboxField, SelectField, TextAreaField } from '@/components/ui/form-fields';
import { fieldProblemMap, FormError } from '@/components/ui/form-error';
import { TextField } from '@/components/ui/text-field';
import type { Category } from '@/features/categories/api/get-categories';
import { useOperators } from '@/features/categories/api/get-operators';
import { useCreateCategory, useUpdateCategory } from '@/features/categories/api/save-category';
import {
  checkDraft,
  draftFromCategory,
  emptyDraft,
  newQuestion,
  PRIORITIES,
  toCategoryChanges,
  toNewCategory,
  type CategoryDraft,
  type Priority,
  type QuestionDraft,
  type SlaUnit,
} from '@/features/categories/components/category-draft';
import { QuestionEditor, questionFields } from '@/features/categories/components/question-editor';
import { ApiError } from '@/lib/api-client';
import { useI18n } from '@/lib/i18n';

const TOP_FIELDS = [
  'name',
  'code',
  'group',
  'description',
  'sla_hours',
  'default_priority',
  'default_operator_id',
  'duplicate_radius_m',
  'keywords',
  'active',
  'questions',
];

/** The code of the question a domain error names in its details (`{"question": "depth"}`), if any. */
function namedQuestion(error: unknown): string | null {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return null;
  const question = (error.details as Record<string, unknown>)['question'];
  return typeof question === 'string' ? question : null;
}

type Props = {
  municipalityId: string;
  /** The category to edit; without it the form creates one. */
  category?: Category;
  onCreated?: (category: Category) => void;
};

/** Create or edit a category: SLA, priority, default operator, and the questions reporters answer. */
export function CategoryForm({ municipalityId, category, onCreated }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<CategoryDraft>(() => (category ? draftFromCategory(category) : emptyDraft()));
  const [checked, setChecked] = useState(false);
  const create = useCreateCategory(municipalityId);
  const update = useUpdateCategory(municipalityId, category?.id ?? '');
  const operators = useOperators(municipalityId);
  const save = category ? update : create;

  const local = checked ? checkDraft(draft) : {};
  const server = fieldProblemMap(save.error);
  const problem = (field: string): string | undefined => {
    const own = local[field];
    return own ? t(`categories.problem.${own}`) : server[field];
  };
  const troubledQuestion = namedQuestion(save.error);
  const shown = [...TOP_FIELDS, ...draft.questions.flatMap((q, i) => questionFields(i, q))];

  const set = <K extends keyof CategoryDraft>(key: K, value: CategoryDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
  };
  const setQuestions = (change: (questions: QuestionDraft[]) => QuestionDraft[]) =>
    setDraft((current) => ({ ...current, questions: change(current.questions) }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(checkDraft(draft)).length > 0) return;
    if (category) {
      update.mutate(toCategoryChanges(draft));
    } else {
      create.mutate(toNewCategory(draft), { onSuccess: (created) => onCreated?.(created) });
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('categories.field.name')}
          value={draft.name}
          onChange={(event) => set('name', event.target.value)}
          required
          minLength={2}
          maxLength={80}
          problem={problem('name')}
        />
        <TextField
          label={t('categories.field.code')}
          hint={t('categories.field.codeHint')}
          value={draft.code}
          onChange={(event) => set('code', event.target.value)}
          required
          maxLength={40}
          disabled={category !== undefined}
          problem={problem('code')}
        />
        <TextField
          label={t('categories.field.group')}
          hint={t('categories.field.groupHint')}
          value={draft.group}
          onChange={(event) => set('group', event.target.value)}
          maxLength={80}
          problem={problem('group')}
        />
        <SelectField
          label={t('categories.field.priority')}
          value={draft.defaultPriority}
          onChange={(event) => set('defaultPriority', event.target.value as Priority)}
          problem={problem('default_priority')}
        >
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {t(`categories.priority.${priority}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        label={t('categories.field.description')}
        value={draft.description}
        onChange={(event) => set('description', event.target.value)}
        rows={3}
        maxLength={1000}
        problem={problem('description')}
      />
      <fieldset className="grid gap-3 sm:grid-cols-[1fr_auto]">
        <legend className="sr-only">{t('categories.field.sla')}</legend>
        <TextField
          label={t('categories.field.sla')}
          hint={t('categories.field.slaHint')}
          inputMode="numeric"
          value={draft.slaAmount}
          onChange={(event) => set('slaAmount', event.target.value)}
          problem={problem('sla_hours')}
        />
        <SelectField
          label={t('categories.field.slaUnit')}
          value={draft.slaUnit}
          onChange={(event) => set('slaUnit', event.target.value as SlaUnit)}
        >
          <option value="hours">{t('categories.unit.hours')}</option>
          <option value="days">{t('categories.unit.days')}</option>
        </SelectField>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('categories.field.operator')}
          value={draft.defaultOperatorId}
          onChange={(event) => set('defaultOperatorId', event.target.value)}
          problem={problem('default_operator_id')}
        >
          <option value="">{t('categories.field.operatorNone')}</option>
          {(operators.data ?? []).map((operator) => (
            <option key={operator.id} value={operator.id}>
              {operator.full_name}
            </option>
          ))}
          {draft.defaultOperatorId && !operators.data?.some((o) => o.id === draft.defaultOperatorId) && (
            <option value={draft.defaultOperatorId}>{draft.defaultOperatorId}</option>
          )}
        </SelectField>
        <TextField
          label={t('categories.field.radius')}
          hint={t('categories.field.radiusHint')}
          inputMode="numeric"
          value={draft.duplicateRadius}
          onChange={(event) => set('duplicateRadius', event.target.value)}
          problem={problem('duplicate_radius_m')}
        />
      </div>
      <TextField
        label={t('categories.field.keywords')}
        hint={t('categories.field.keywordsHint')}
        value={draft.keywords}
        onChange={(event) => set('keywords', event.target.value)}
        problem={problem('keywords')}
      />
      {category && (
        <CheckboxField
          label={t('categories.field.active')}
          checked={draft.active}
          onChange={(active) => set('active', active)}
          problem={problem('active')}
        />
      )}

      <section aria-labelledby="questions-heading" className="space-y-3">
        <h2 id="questions-heading" className="text-xl font-semibold text-slate-900">
          {t('categories.questions')}
        </h2>
        {problem('questions') && <p className="text-sm text-red-800">{problem('questions')}</p>}
        {draft.questions.length === 0 && <p className="text-slate-700">{t('categories.questions.none')}</p>}
        {draft.questions.map((question, index) => (
          <QuestionEditor
            key={question.uid}
            question={question}
            index={index}
            count={draft.questions.length}
            problems={server}
            questionProblem={
              troubledQuestion !== null && troubledQuestion === question.code && save.error instanceof ApiError
                ? save.error.message
                : undefined
            }
            onChange={(changed) => setQuestions((all) => all.map((q) => (q.uid === changed.uid ? changed : q)))}
            onMove={(offset) =>
              setQuestions((all) => {
                const next = [...all];
                const [moved] = next.splice(index, 1);
                if (moved) next.splice(index + offset, 0, moved);
                return next;
              })
            }
            onRemove={() => setQuestions((all) => all.filter((q) => q.uid !== question.uid))}
          />
        ))}
        <Button variant="secondary" onClick={() => setQuestions((all) => [...all, newQuestion()])}>
          {t('categories.question.add')}
        </Button>
      </section>

      {save.isError && <FormError error={save.error} shownFields={shown} />}
      {category && update.isSuccess && !update.isPending && (
        <p role="status" className="font-medium text-emerald-800">
          {t('categories.saved')}
        </p>
      )}
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? t('categories.saving') : category ? t('categories.save') : t('categories.create')}
      </Button>
    </form>
  );
}
