import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { useAssignTicket, useUnassignTicket } from '@/features/staff/api/assign-ticket';
import { useOperators } from '@/features/staff/api/get-operators';
import type { Ticket } from '@/features/staff/api/types';
import { ClassifyForm } from '@/features/staff/components/classify-form';
import { SelectField } from '@/features/staff/components/text-area';
import { canUnassign } from '@/features/staff/lib/status-table';
import { useI18n } from '@/lib/i18n';

/**
 * Give one ticket to an operator (a manager's action): a labelled choice and a button named after the
 * ticket, so the triage inbox can hold one per ticket.
 */
export function AssignForm({
  ticket,
  compact = false,
  onAssigned,
}: {
  ticket: Ticket;
  compact?: boolean;
  onAssigned?: (ticket: Ticket) => void;
}) {
  const { t } = useI18n();
  const operators = useOperators();
  const assign = useAssignTicket(ticket.id);
  const [operatorId, setOperatorId] = useState(ticket.assigned_operator_id ?? '');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (operatorId) assign.mutate(operatorId, onAssigned ? { onSuccess: onAssigned } : {});
  }

  if (operators.isError) return <ErrorMessage error={operators.error} onRetry={() => void operators.refetch()} />;
  if (operators.isSuccess && operators.data.length === 0) {
    return <p className="text-sm text-slate-700">{t('staff.assign.noOperators')}</p>;
  }
  const assignedName = assign.isSuccess ? assign.data.assigned_operator_name : null;
  return (
    <form onSubmit={onSubmit} className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <SelectField
          label={compact ? t('staff.assign.operatorFor', { reference: ticket.reference }) : t('staff.assign.operator')}
          value={operatorId}
          onChange={setOperatorId}
          disabled={!operators.isSuccess}
          className="min-w-48 flex-1"
        >
          <option value="">{operators.isPending ? t('common.loading') : t('staff.assign.choose')}</option>
          {(operators.data ?? []).map((operator) => (
            <option key={operator.id} value={operator.id}>
              {operator.full_name}
            </option>
          ))}
        </SelectField>
        <Button
          type="submit"
          className="min-h-11"
          disabled={!operatorId || assign.isPending}
          aria-label={t('staff.assign.submitFor', { reference: ticket.reference })}
        >
          {t('staff.assign.submit')}
        </Button>
      </div>
      {assign.isError && <ErrorMessage error={assign.error} />}
      {assignedName && (
        <p role="status" className="text-sm text-emerald-800">
          {t('staff.assign.assigned', { name: assignedName })}
        </p>
      )}
    </form>
  );
}

export function AssignPanel({ ticket, user }: { ticket: Ticket; user: Parameters<typeof canUnassign>[0] }) {
  const { t } = useI18n();
  const unassign = useUnassignTicket(ticket.id);
  return (
    <section aria-labelledby="assign-heading" className="space-y-3">
      <h2 id="assign-heading" className="text-xl font-semibold text-slate-900">
        {t('staff.assign.title')}
      </h2>
      <p className="text-slate-700">
        {t('staff.ticket.operator')}: {ticket.assigned_operator_name ?? t('staff.ticket.unassigned')}
      </p>
      <AssignForm ticket={ticket} />
      {canUnassign(user, ticket) && (
        <Button variant="secondary" onClick={() => unassign.mutate()} disabled={unassign.isPending}>
          {t('staff.assign.unassign')}
        </Button>
      )}
      {unassign.isError && <ErrorMessage error={unassign.error} />}
      {unassign.isSuccess && (
        <p role="status" className="text-sm text-emerald-800">
          {t('staff.assign.unassigned')}
        </p>
      )}
      <ClassifyForm ticket={ticket} />
    </section>
  );
}
