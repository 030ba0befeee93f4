import { useId } from 'react';

import { Button } from '@/components/ui/button';
import { CheckboxField, inputClass } from '@/components/ui/form-fields';
import { officeWeek, WEEKDAYS, type WeekDraft } from '@/features/municipalities/components/working-hours';
import { useI18n } from '@/lib/i18n';

type Props = {
  week: WeekDraft | null;
  onChange: (week: WeekDraft | null) => void;
  /** The server's problems by field path (`working_hours.monday.0`). */
  problems: Record<string, string>;
};

/** Field paths the editor shows problems for, so the form's summary does not repeat them. */
export function workingHourFields(problems: Record<string, string>): string[] {
  return Object.keys(problems).filter((field) => field === 'working_hours' || field.startsWith('working_hours.'));
}

/**
 * When staff work, day by day, so due dates count only working time. Off means every hour counts.
 */
export function WorkingHoursEditor({ week, onChange, problems }: Props) {
  const { t } = useI18n();
  const ids = useId();
  const weekProblem = problems['working_hours'];

  return (
    <section aria-labelledby={`${ids}-title`} className="space-y-3">
      <h2 id={`${ids}-title`} className="text-xl font-semibold text-slate-900">
        {t('municipalities.hours')}
      </h2>
      <CheckboxField
        label={t('municipalities.hours.enabled')}
        checked={week !== null}
        onChange={(on) => onChange(on ? officeWeek() : null)}
        problem={weekProblem}
      />
      {week === null && <p className="text-slate-700">{t('municipalities.hours.everyHour')}</p>}
      {week !== null && (
        <div className="grid gap-3 sm:grid-cols-2">
          {WEEKDAYS.map((day) => {
            const dayName = t(`municipalities.day.${day}`);
            const dayProblems = Object.entries(problems)
              .filter(([field]) => field.startsWith(`working_hours.${day}`))
              .map(([, problem]) => problem);
            const setSpans = (spans: WeekDraft[typeof day]) => onChange({ ...week, [day]: spans });
            return (
              <fieldset key={day} className="space-y-2 rounded-lg border border-slate-200 p-3">
                <legend className="px-1 font-medium text-slate-900">{dayName}</legend>
                {week[day].length === 0 && <p className="text-sm text-slate-600">{t('municipalities.hours.dayOff')}</p>}
                {week[day].map((span, index) => {
                  const number = index + 1;
                  const update = (changes: Partial<typeof span>) =>
                    setSpans(week[day].map((s, k) => (k === index ? { ...s, ...changes } : s)));
                  return (
                    <div key={index} className="flex flex-wrap items-end gap-2">
                      <label className="space-y-1 text-sm">
                        <span className="block text-slate-700">{t('municipalities.hours.opens', { day: dayName, number })}</span>
                        <input type="time" required value={span.opens} onChange={(e) => update({ opens: e.target.value })} className={inputClass} />
                      </label>
                      <label className="space-y-1 text-sm">
                        <span className="block text-slate-700">{t('municipalities.hours.closes', { day: dayName, number })}</span>
                        <input type="time" required value={span.closes} onChange={(e) => update({ closes: e.target.value })} className={inputClass} />
                      </label>
                      <Button variant="secondary" onClick={() => setSpans(week[day].filter((_, k) => k !== index))}>
                        {t('municipalities.hours.remove', { day: dayName, number })}
                      </Button>
                    </div>
                  );
                })}
                {dayProblems.map((problem) => (
                  <p key={problem} className="text-sm text-red-800">
                    {problem}
                  </p>
                ))}
                <Button
                  variant="secondary"
                  onClick={() => {
                    const last = week[day].at(-1);
                    setSpans([...week[day], last ? { opens: last.closes, closes: last.closes } : { opens: '08:00', closes: '16:00' }]);
                  }}
                >
                  {t('municipalities.hours.add', { day: dayName })}
                </Button>
              </fieldset>
            );
          })}
        </div>
      )}
    </section>
  );
}
