import { useEffect, useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { useModerateTicket, useModeration } from '@/features/staff/api/moderation';
import type { StaffUser, Ticket } from '@/features/staff/api/types';
import { TextArea } from '@/features/staff/components/text-area';
import { useI18n } from '@/lib/i18n';

/** A manager edits the report's public text or hides the ticket, with a reason kept for staff. */
export function ModerationPanel({ ticket, user }: { ticket: Ticket; user: StaffUser }) {
  const { t, formatDateTime } = useI18n();
  const moderation = useModeration(ticket.id, true);
  const moderate = useModerateTicket(ticket.id);
  const [description, setDescription] = useState('');
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState<'text' | 'hidden' | null>(null);

  useEffect(() => {
    if (moderation.data) setDescription(moderation.data.description);
  }, [moderation.data]);

  if (moderation.isPending) return <Loading />;
  if (moderation.isError) return <ErrorMessage error={moderation.error} onRetry={() => void moderation.refetch()} />;
  const view = moderation.data;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    moderate.mutate(
      { description: description.trim(), reason },
      {
        onSuccess: () => {
          setReason('');
          setSaved('text');
        },
      },
    );
  }

  return (
    <section aria-labelledby="moderation-heading" className="space-y-3">
      <h2 id="moderation-heading" className="text-xl font-semibold text-slate-900">
        {t('staff.moderation.title')}
      </h2>
      <form onSubmit={onSubmit} className="space-y-2">
        <TextArea
          label={t('staff.moderation.description')}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          required
          maxLength={4000}
          rows={4}
          {...(view.original_description !== view.description
            ? { hint: t('staff.moderation.original', { text: view.original_description }) }
            : {})}
        />
        <TextField
          label={t('staff.moderation.reason')}
          value={reason}
          maxLength={1000}
          onChange={(event) => setReason(event.target.value)}
        />
        <div className="flex flex-wrap gap-2">
          <Button
            type="submit"
            disabled={moderate.isPending || !description.trim() || description.trim() === view.description}
          >
            {t('staff.moderation.save')}
          </Button>
          <Button
            variant="secondary"
            disabled={moderate.isPending}
            onClick={() => {
              setSaved(null);
              moderate.mutate(
                { hidden: !view.hidden, reason },
                {
                  onSuccess: () => {
                    setReason('');
                    setSaved('hidden');
                  },
                },
              );
            }}
          >
            {view.hidden ? t('staff.moderation.unhide') : t('staff.moderation.hide')}
          </Button>
        </div>
      </form>
      {moderate.isError && <ErrorMessage error={moderate.error} />}
      {saved && (
        <p role="status" className="text-sm text-emerald-800">
          {saved === 'text' ? t('staff.moderation.saved') : view.hidden ? t('staff.ticket.hidden') : t('staff.moderation.shown')}
        </p>
      )}
      {view.entries.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium text-slate-800">{t('staff.moderation.history')}</summary>
          <ol className="mt-2 space-y-2">
            {view.entries.map((entry, index) => (
              <li key={`${entry.at}-${index}`} className="rounded border border-slate-200 bg-white p-2">
                <p className="text-slate-600">
                  {t('staff.moderation.entry', {
                    when: formatDateTime(entry.at),
                    who: entry.by.user_id === user.id ? user.full_name : t(`access.role.${entry.by.role}`),
                  })}{' '}
                  · {t(`staff.moderation.action.${entry.action}`)}
                </p>
                {entry.action === 'edited' && (
                  <p className="whitespace-pre-line text-slate-900">
                    {String(entry.before)} → {String(entry.after)}
                  </p>
                )}
                {entry.reason && <p className="text-slate-700">{entry.reason}</p>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
