import { useId, useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import type { Ticket } from '@/features/tickets/api/get-ticket';
import { useTimeline, type TimelineEntry } from '@/features/tickets/api/get-timeline';
import { useReopenTicket } from '@/features/tickets/api/reopen-ticket';
import { useSubmitFeedback } from '@/features/tickets/api/submit-feedback';
import { useI18n } from '@/lib/i18n';

const RATINGS = [5, 4, 3, 2, 1] as const;
const MAX_TEXT = 4000;

/** The rating given to the latest resolution, if any: a feedback entry after the last move to resolved. */
export function ratingOfLatestResolution(entries: TimelineEntry[]): number | null {
  let resolvedAt = -1;
  entries.forEach((entry, index) => {
    if (entry.kind === 'status_changed' && entry.to === 'resolved') resolvedAt = index;
  });
  const given = entries.slice(resolvedAt + 1).find((entry) => entry.kind === 'feedback');
  return given ? (given.rating ?? null) : null;
}

const textArea =
  'block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 focus-visible:border-emerald-700 focus-visible:outline-2 focus-visible:outline-emerald-700';

function RateForm({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const ids = useId();
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const feedback = useSubmitFeedback(ticketId);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (rating === null) return;
    feedback.mutate({ rating, comment: comment.trim() || null });
  }

  if (feedback.isSuccess) {
    return (
      <p role="status" className="text-emerald-900">
        {t('feedback.thanks')}
      </p>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <fieldset className="space-y-2">
        <legend className="font-medium text-slate-800">{t('feedback.question')}</legend>
        <div className="flex flex-wrap gap-2">
          {RATINGS.map((value) => (
            <label
              key={value}
              className="flex cursor-pointer items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-1.5 has-checked:border-emerald-700 has-checked:bg-emerald-50"
            >
              <input
                type="radio"
                name={`${ids}-rating`}
                value={value}
                checked={rating === value}
                onChange={() => setRating(value)}
                className="accent-emerald-700"
              />
              {t(`feedback.rating.${value}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="space-y-1">
        <label htmlFor={`${ids}-comment`} className="block font-medium text-slate-800">
          {t('feedback.comment')}
        </label>
        <textarea
          id={`${ids}-comment`}
          rows={2}
          maxLength={MAX_TEXT}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          className={textArea}
        />
      </div>
      {feedback.isError && <ErrorMessage error={feedback.error} />}
      <Button type="submit" disabled={rating === null || feedback.isPending}>
        {feedback.isPending ? t('feedback.sending') : t('feedback.submit')}
      </Button>
    </form>
  );
}

function StillBroken({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const reopen = useReopenTicket(ticketId);

  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t('feedback.stillBroken')}
      </Button>
    );
  }
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        reopen.mutate(note.trim() || null);
      }}
    >
      <label htmlFor={`${ids}-note`} className="block font-medium text-slate-800">
        {t('feedback.whatIsWrong')}
      </label>
      <textarea
        id={`${ids}-note`}
        rows={3}
        maxLength={MAX_TEXT}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        className={textArea}
      />
      {reopen.isError && <ErrorMessage error={reopen.error} />}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={reopen.isPending}>
          {t('feedback.reopen')}
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t('feedback.cancel')}
        </Button>
      </div>
    </form>
  );
}

/**
 * After a resolution, the reporter rates how it was fixed, or says it is still broken (which
 * reopens it). Others see nothing here.
 */
export function ResolutionFeedback({ ticket }: { ticket: Ticket }) {
  const { t } = useI18n();
  const timeline = useTimeline(ticket.id);
  if (ticket.view !== 'reporter' || (ticket.status !== 'resolved' && ticket.status !== 'closed')) return null;
  const entries = timeline.data?.pages.flatMap((page) => page.data) ?? [];
  const rated = ratingOfLatestResolution(entries);

  return (
    <section aria-labelledby="resolution-heading" className="space-y-4 rounded-2xl border border-emerald-200 bg-emerald-50/40 p-4 sm:p-6">
      <h2 id="resolution-heading" className="text-xl font-semibold text-slate-900">
        {t('feedback.title')}
      </h2>
      {timeline.isSuccess &&
        (rated === null ? (
          <RateForm ticketId={ticket.id} />
        ) : (
          <p className="text-slate-800">{t('feedback.rated', { rating: rated })}</p>
        ))}
      <div className="space-y-2 border-t border-emerald-200 pt-4">
        <p className="text-slate-700">{t('feedback.stillBrokenHint')}</p>
        <StillBroken ticketId={ticket.id} />
      </div>
    </section>
  );
}
