import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { TextField } from '@/components/ui/text-field';
import { useChangeStatus } from '@/features/staff/api/change-status';
import type { StaffUser, Ticket } from '@/features/staff/api/types';
import { AfterPhotos, type AfterPhoto } from '@/features/staff/components/after-photos';
import { TextArea } from '@/features/staff/components/text-area';
import { allowedMoves, type StatusMove } from '@/features/staff/lib/status-table';
import { useI18n } from '@/lib/i18n';

/** A move that needs more than a click: a note, the original, or "after" photos. */
function needsForm(move: StatusMove): boolean {
  return move.needsNote || move.needsOriginal || move.to === 'resolved';
}

function MoveForm({
  ticket,
  move,
  onDone,
  onCancel,
}: {
  ticket: Ticket;
  move: StatusMove;
  onDone: (ticket: Ticket) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const change = useChangeStatus(ticket.id);
  const [note, setNote] = useState('');
  const [original, setOriginal] = useState('');
  const [photos, setPhotos] = useState<AfterPhoto[]>([]);
  const [problems, setProblems] = useState<{ note?: string; original?: string }>({});
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const action = t(`staff.status.move.${move.to}`);

  useEffect(() => headingRef.current?.focus(), []);

  const uploading = photos.some((photo) => photo.state === 'uploading');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: { note?: string; original?: string } = {};
    if (move.needsNote && !note.trim()) found.note = t('staff.status.noteMissing');
    if (move.needsOriginal && !original.trim()) found.original = t('staff.status.originalMissing');
    setProblems(found);
    if (found.note || found.original) return;
    change.mutate(
      {
        status: move.to,
        note,
        ...(move.needsOriginal ? { duplicateOf: original } : {}),
        photoIds: photos.flatMap((photo) => (photo.state === 'done' ? [photo.id] : [])),
      },
      { onSuccess: onDone },
    );
  }

  return (
    <form
      onSubmit={onSubmit}
      aria-labelledby={headingId}
      className="space-y-3 rounded-xl border border-slate-300 bg-slate-50 p-3"
      noValidate
    >
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="font-semibold text-slate-900">
        {t('staff.status.formTitle', { action, reference: ticket.reference })}
      </h3>
      {move.needsOriginal && (
        <TextField
          label={t('staff.status.original')}
          hint={t('staff.status.originalHint')}
          value={original}
          onChange={(event) => setOriginal(event.target.value)}
          problem={problems.original}
          maxLength={100}
        />
      )}
      <TextArea
        label={move.needsNote ? t('staff.status.noteRequired') : t('staff.status.note')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        problem={problems.note}
        required={move.needsNote}
        maxLength={4000}
      />
      {move.to === 'resolved' && <AfterPhotos photos={photos} onChange={setPhotos} />}
      {change.isError && <ErrorMessage error={change.error} />}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={change.isPending || uploading}>
          {change.isPending ? t('staff.status.saving') : t('staff.status.confirm')}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={change.isPending}>
          {t('staff.status.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** The status changes the table allows this person now, as buttons named by what they do. */
export function StatusActions({
  ticket,
  user,
  compact = false,
  onChanged,
}: {
  ticket: Ticket;
  user: StaffUser;
  /** In a list: no heading, the group named after the ticket instead. */
  compact?: boolean;
  onChanged?: (ticket: Ticket) => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const change = useChangeStatus(ticket.id);
  const [open, setOpen] = useState<StatusMove | null>(null);
  const [done, setDone] = useState<Ticket['status'] | null>(null);
  const moves = allowedMoves(user, ticket);

  function finished(updated: Ticket) {
    setOpen(null);
    setDone(updated.status);
    onChanged?.(updated);
  }

  return (
    <section
      {...(compact
        ? { 'aria-label': t('staff.triage.actions', { reference: ticket.reference }) }
        : { 'aria-labelledby': headingId })}
      className="space-y-3"
    >
      {!compact && (
        <h2 id={headingId} className="text-xl font-semibold text-slate-900">
          {t('staff.status.title')}
        </h2>
      )}
      {moves.length === 0 && <p className="text-slate-700">{t('staff.status.none')}</p>}
      {moves.length > 0 && !open && (
        <div className="flex flex-wrap gap-2">
          {moves.map((move) => (
            <Button
              key={move.to}
              variant={move.to === 'in_progress' || move.to === 'resolved' ? 'primary' : 'secondary'}
              className="min-h-11"
              disabled={change.isPending}
              onClick={() => {
                setDone(null);
                change.reset();
                if (needsForm(move)) setOpen(move);
                else change.mutate({ status: move.to }, { onSuccess: finished });
              }}
            >
              {t(`staff.status.move.${move.to}`)}
            </Button>
          ))}
        </div>
      )}
      {open && <MoveForm ticket={ticket} move={open} onDone={finished} onCancel={() => setOpen(null)} />}
      {change.isError && <ErrorMessage error={change.error} />}
      {done && (
        <p role="status" className="text-emerald-800">
          {t('staff.status.changed', { status: t(`status.${done}`) })}
        </p>
      )}
    </section>
  );
}
