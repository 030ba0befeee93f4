import { useId } from 'react';

import type { Question } from '@/features/report/api/get-categories';
import type { AnswerDraft } from '@/features/report/components/answers';

const inputClass =
  'block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 focus-visible:border-emerald-700 focus-visible:outline-2 focus-visible:outline-emerald-700';

type Props = {
  question: Question;
  value: AnswerDraft[string] | undefined;
  onChange: (value: AnswerDraft[string]) => void;
  requiredMark: string;
};

/** One of a category's questions, as the input its datatype needs. */
export function QuestionField({ question, value, onChange, requiredMark }: Props) {
  const id = useId();
  const label = `${question.description}${question.required ? ` (${requiredMark})` : ''}`;

  if (question.datatype === 'singlevaluelist' || question.datatype === 'multivaluelist') {
    const multiple = question.datatype === 'multivaluelist';
    const chosen = Array.isArray(value) ? value : value ? [value] : [];
    return (
      <fieldset className="space-y-1">
        <legend className="font-medium text-slate-800">{label}</legend>
        {question.values.map((choice) => (
          <label key={choice.key} className="flex items-center gap-2">
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name={`${id}-${question.code}`}
              value={choice.key}
              required={question.required && !multiple}
              checked={chosen.includes(choice.key)}
              onChange={(event) =>
                onChange(
                  multiple
                    ? event.target.checked
                      ? [...chosen, choice.key]
                      : chosen.filter((key) => key !== choice.key)
                    : choice.key,
                )
              }
              className="size-4 accent-emerald-700"
            />
            {choice.name}
          </label>
        ))}
      </fieldset>
    );
  }

  const text = typeof value === 'string' ? value : '';
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium text-slate-800">
        {label}
      </label>
      {question.datatype === 'text' ? (
        <textarea
          id={id}
          rows={3}
          maxLength={2000}
          required={question.required}
          value={text}
          onChange={(event) => onChange(event.target.value)}
          className={inputClass}
        />
      ) : (
        <input
          id={id}
          type={question.datatype === 'number' ? 'number' : question.datatype === 'datetime' ? 'datetime-local' : 'text'}
          step={question.datatype === 'number' ? 'any' : undefined}
          maxLength={question.datatype === 'string' ? 2000 : undefined}
          required={question.required}
          value={text}
          onChange={(event) => onChange(event.target.value)}
          className={inputClass}
        />
      )}
    </div>
  );
}
