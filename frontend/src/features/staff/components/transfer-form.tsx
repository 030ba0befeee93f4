import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { useMunicipalities, useTransferCategories, useTransferTicket } from '@/features/staff/api/moderation';
import type { Ticket } from '@/features/staff/api/types';
import { SelectField, TextArea } from '@/features/staff/components/text-area';
import { useI18n } from '@/lib/i18n';

/** Move a misrouted ticket to the municipality it belongs to, into one of its categories. */
export function TransferForm({ ticket, onTransferred }: { ticket: Ticket; onTransferred: (ticket: Ticket) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const municipalities = useMunicipalities(open);
  const [municipalityId, setMunicipalityId] = useState('');
  const categories = useTransferCategories(municipalityId);
  const [categoryId, setCategoryId] = useState('');
  const [note, setNote] = useState('');
  const transfer = useTransferTicket(ticket.id);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!municipalityId || !categoryId || !note.trim()) return;
    transfer.mutate({ municipalityId, categoryId, note }, { onSuccess: onTransferred });
  }

  return (
    <section aria-labelledby="transfer-heading" className="space-y-3">
      <h2 id="transfer-heading" className="text-xl font-semibold text-slate-900">
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          className="rounded text-left focus-visible:outline-2 focus-visible:outline-emerald-700"
        >
          <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
          {t('staff.transfer.title')}
        </button>
      </h2>
      {open && (
        <form onSubmit={onSubmit} className="space-y-3">
          {municipalities.isError && <ErrorMessage error={municipalities.error} />}
          <SelectField
            label={t('staff.transfer.municipality')}
            value={municipalityId}
            onChange={(id) => {
              setMunicipalityId(id);
              setCategoryId('');
            }}
            disabled={!municipalities.isSuccess}
          >
            <option value="">
              {municipalities.isPending ? t('common.loading') : t('staff.transfer.chooseMunicipality')}
            </option>
            {(municipalities.data ?? [])
              .filter((m) => m.id !== ticket.municipality_id)
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
          </SelectField>
          {categories.isError && <ErrorMessage error={categories.error} />}
          <SelectField
            label={t('staff.transfer.category')}
            value={categoryId}
            onChange={setCategoryId}
            disabled={!categories.isSuccess}
          >
            <option value="">{t('staff.transfer.chooseCategory')}</option>
            {(categories.data ?? []).map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </SelectField>
          <TextArea
            label={t('staff.transfer.note')}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            required
            maxLength={4000}
          />
          {transfer.isError && <ErrorMessage error={transfer.error} />}
          <Button type="submit" disabled={!municipalityId || !categoryId || !note.trim() || transfer.isPending}>
            {t('staff.transfer.submit')}
          </Button>
        </form>
      )}
    </section>
  );
}
