import { Button } from '@/components/ui/button';
import { CheckboxField, SelectField } from '@/components/ui/form-fields';
import { TextField } from '@/components/ui/text-field';
import {
  DATATYPES,
  isList,
  type Datatype,
  type QuestionDraft,
} from '@/features/categories/components/category-draft';
import { useI18n } from '@/lib/i18n';

type Props = {
  question: QuestionDraft;
  index: number;
  count: number;
  /** The server's problems by field path (`questions.0.code`). */
  problems: Record<string, string>;
  /** A problem the server named this question by its code (e.g. a list without options). */
  questionProblem?: string | undefined;
  onChange: (question: QuestionDraft) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
};

/** The fields a question's path can carry a server problem on, for the form's summary. */
export function questionFields(index: number, question: QuestionDraft): string[] {
  const base = `questions.${index}`;
  return [
    `${base}.code`,
    `${base}.description`,
    `${base}.datatype`,
    `${base}.required`,
    `${base}.values`,
    ...question.values.flatMap((_, j) => [`${base}.values.${j}.key`, `${base}.values.${j}.name`]),
  ];
}

/** One question for reporters: its code, text, answer type, whether it is required, and its options. */
export function QuestionEditor({ question, index, count, problems, questionProblem, onChange, onMove, onRemove }: Props) {
  const { t } = useI18n();
  const number = index + 1;
  const base = `questions.${index}`;
  const update = (changes: Partial<QuestionDraft>) => onChange({ ...question, ...changes });
  const setValue = (j: number, changes: Partial<{ key: string; name: string }>) =>
    update({ values: question.values.map((value, k) => (k === j ? { ...value, ...changes } : value)) });

  return (
    <fieldset className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <legend className="px-1 font-semibold text-slate-900">{t('categories.question.title', { number })}</legend>
      {questionProblem && (
        <p role="alert" className="text-sm text-red-800">
          {questionProblem}
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t('categories.question.code')}
          value={question.code}
          onChange={(event) => update({ code: event.target.value })}
          required
          maxLength={60}
          pattern="[a-z0-9_]+"
          problem={problems[`${base}.code`]}
        />
        <SelectField
          label={t('categories.question.type')}
          value={question.datatype}
          onChange={(event) => {
            const datatype = event.target.value as Datatype;
            update({
              datatype,
              values: isList(datatype) && question.values.length === 0 ? [{ key: '', name: '' }] : question.values,
            });
          }}
          problem={problems[`${base}.datatype`]}
        >
          {DATATYPES.map((datatype) => (
            <option key={datatype} value={datatype}>
              {t(`categories.type.${datatype}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        label={t('categories.question.label')}
        value={question.description}
        onChange={(event) => update({ description: event.target.value })}
        required
        maxLength={500}
        problem={problems[`${base}.description`]}
      />
      <CheckboxField
        label={t('categories.question.required')}
        checked={question.required}
        onChange={(required) => update({ required })}
        problem={problems[`${base}.required`]}
      />
      {isList(question.datatype) && (
        <fieldset className="space-y-2">
          <legend className="font-medium text-slate-800">{t('categories.question.options')}</legend>
          {problems[`${base}.values`] && <p className="text-sm text-red-800">{problems[`${base}.values`]}</p>}
          {question.values.map((value, j) => (
            <div key={j} className="grid items-end gap-2 sm:grid-cols-[1fr_2fr_auto]">
              <TextField
                label={t('categories.question.optionKey', { number: j + 1 })}
                value={value.key}
                onChange={(event) => setValue(j, { key: event.target.value })}
                required
                maxLength={60}
                problem={problems[`${base}.values.${j}.key`]}
              />
              <TextField
                label={t('categories.question.optionName', { number: j + 1 })}
                value={value.name}
                onChange={(event) => setValue(j, { name: event.target.value })}
                required
                maxLength={200}
                problem={problems[`${base}.values.${j}.name`]}
              />
              <Button
                variant="secondary"
                onClick={() => update({ values: question.values.filter((_, k) => k !== j) })}
              >
                {t('categories.question.removeOption', { number: j + 1 })}
              </Button>
            </div>
          ))}
          <Button variant="secondary" onClick={() => update({ values: [...question.values, { key: '', name: '' }] })}>
            {t('categories.question.addOption')}
          </Button>
        </fieldset>
      )}
      <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-3">
        <Button variant="secondary" onClick={() => onMove(-1)} disabled={index === 0}>
          {t('categories.question.up', { number })}
        </Button>
        <Button variant="secondary" onClick={() => onMove(1)} disabled={index === count - 1}>
          {t('categories.question.down', { number })}
        </Button>
        <Button variant="secondary" onClick={onRemove} className="text-red-800">
          {t('categories.question.remove', { number })}
        </Button>
      </div>
    </fieldset>
  );
}
