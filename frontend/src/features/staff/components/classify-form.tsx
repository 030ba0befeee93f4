import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { useStaffCategories } from '@/features/staff/api/get-categories';
import type { Priority, Ticket } from '@/features/staff/api/types';
import { useUpdateTicket } from '@/features/staff/api/update-ticket';
import { SelectField } from '@/features/staff/components/text-area';
import { useI18n } from '@/lib/i18n';

const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];

/** Priority and category of an open ticket, for its managers; only what changed is sent. */
export function ClassifyForm({ ticket }: { ticket: Ticket }) {
  const { t } = useI18n();
  const categories = useStaffCategories(ticket.municipality_id);
  const update = useUpdateTicket(ticket.id);
  const [priority, setPriority] = useState<Priority>(ticket.priority);
  const [categoryId, setCategoryId] = useState(ticket.category_id);
  const changed = priority !== ticket.priority || categoryId !== ticket.category_id;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!changed) return;
    update.mutate({
      ...(priority !== ticket.priority ? { priority } : {}),
      ...(categoryId !== ticket.category_id ? { categoryId } : {}),
    });
  }

  return (
    <form onSubmit={onSubmit} aria-label={t('staff.classify.title')} className="space-y-2">
      <div className="grid gap-2 sm:grid-cols-2">
        <SelectField
          label={t('staff.list.priority')}
          value={priority}
          onChange={(value) => setPriority(value as Priority)}
        >
          {PRIORITIES.map((value) => (
            <option key={value} value={value}>
              {t(`staff.priority.${value}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('staff.ticket.category')} value={categoryId} onChange={setCategoryId}>
          {(categories.data ?? [])
            .filter((category) => category.active || category.id === ticket.category_id)
            .map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          {!categories.data && <option value={ticket.category_id}>{t('common.loading')}</option>}
        </SelectField>
      </div>
      {update.isError && <ErrorMessage error={update.error} />}
      {update.isSuccess && !changed && (
        <p role="status" className="text-sm text-emerald-800">
          {t('staff.classify.saved')}
        </p>
      )}
      <Button type="submit" variant="secondary" disabled={!changed || update.isPending}>
        {t('staff.classify.save')}
      </Button>
    </form>
  );
}
