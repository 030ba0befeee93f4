import { useId, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';

import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { useAddComment } from '@/features/tickets/api/add-comment';
import { useUser } from '@/lib/auth';
import { useI18n } from '@/lib/i18n';

/** The API takes plain text up to this length. */
const MAX_COMMENT = 2000;

export function CommentForm({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const { user } = useUser();
  const location = useLocation();
  const comment = useAddComment(ticketId);
  const [body, setBody] = useState('');
  const id = useId();

  if (!user) {
    return (
      <p className="text-slate-700">
        <Link
          to={`/login?next=${encodeURIComponent(location.pathname)}`}
          className="text-emerald-800 underline underline-offset-4"
        >
          {t('ticket.comment.signIn')}
        </Link>
      </p>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = body.trim();
    if (!text) return;
    comment.mutate(text, { onSuccess: () => setBody('') });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-2">
      <label htmlFor={id} className="block font-medium text-slate-800">
        {t('ticket.comment.label')}
      </label>
      <textarea
        id={id}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        required
        maxLength={MAX_COMMENT}
        rows={3}
        className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 focus-visible:border-emerald-700 focus-visible:outline-2 focus-visible:outline-emerald-700"
      />
      {comment.isError && <ErrorMessage error={comment.error} />}
      {comment.isSuccess && !body && (
        <p role="status" className="text-sm text-emerald-800">
          {t('ticket.comment.posted')}
        </p>
      )}
      <Button type="submit" disabled={comment.isPending || !body.trim()}>
        {comment.isPending ? t('ticket.comment.submitting') : t('ticket.comment.submit')}
      </Button>
    </form>
  );
}
