import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorMessage, useErrorText } from '@/components/ui/error-message';
import { useAssignMany, type BulkOutcome } from '@/features/staff/api/assign-ticket';
import type { StaffUser, Ticket } from '@/features/staff/api/types';
import { SelectField } from '@/features/staff/components/text-area';
import { useI18n } from '@/lib/i18n';

function Outcomes({ outcomes }: { outcomes: BulkOutcome[] }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const failed = outcomes.filter((outcome) => !outcome.ok);
  if (failed.length === 0) {
    return (
      <p role="status" className="text-emerald-800">
        {t('staff.bulk.allDone', { count: outcomes.length })}
      </p>
    );
  }
  return (
    <div role="alert" className="space-y-1 rounded-lg border border-red-200 bg-red-50 p-3 text-red-900">
      <p>{t('staff.bulk.someFailed', { ok: outcomes.length - failed.length, count: outcomes.length })}</p>
      <ul className="list-inside list-disc text-sm">
        {failed.map((outcome) => (
          <li key={outcome.ticket.id}>
            {t('staff.bulk.failedOne', {
              reference: outcome.ticket.reference,
              message: outcome.ok ? '' : errorText(outcome.error),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Give every selected ticket to one operator; each ticket's outcome is reported. */
export function BulkAssign({
  selected,
  operators,
  onDone,
  onClear,
}: {
  selected: readonly Ticket[];
  operators: readonly StaffUser[];
  onDone: (assigned: string[]) => void;
  onClear: () => void;
}) {
  const { t } = useI18n();
  const assignMany = useAssignMany();
  const [operatorId, setOperatorId] = useState('');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!operatorId || selected.length === 0) return;
    assignMany.mutate(
      { tickets: selected.map(({ id, reference }) => ({ id, reference })), operatorId },
      { onSuccess: (outcomes) => onDone(outcomes.flatMap((o) => (o.ok ? [o.ticket.id] : []))) },
    );
  }

  return (
    <section aria-labelledby="bulk-heading" className="space-y-2 rounded-xl border border-emerald-200 bg-emerald-50 p-3">
      <h2 id="bulk-heading" className="font-semibold text-slate-900">
        {t('staff.bulk.title')} · {t('staff.list.selected', { count: selected.length })}
      </h2>
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2">
        <SelectField label={t('staff.bulk.operator')} value={operatorId} onChange={setOperatorId} className="min-w-48 flex-1">
          <option value="">{t('staff.assign.choose')}</option>
          {operators.map((operator) => (
            <option key={operator.id} value={operator.id}>
              {operator.full_name}
            </option>
          ))}
        </SelectField>
        <Button type="submit" className="min-h-11" disabled={!operatorId || selected.length === 0 || assignMany.isPending}>
          {assignMany.isPending ? t('staff.bulk.working') : t('staff.bulk.submit', { count: selected.length })}
        </Button>
        <Button variant="secondary" className="min-h-11" onClick={onClear} disabled={assignMany.isPending}>
          {t('staff.bulk.clear')}
        </Button>
      </form>
      {assignMany.isError && <ErrorMessage error={assignMany.error} />}
      {assignMany.data && <Outcomes outcomes={assignMany.data} />}
    </section>
  );
}
