import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useAddStaffComment, useComments, type Visibility } from '@/features/staff/api/comments';
import type { Comment } from '@/features/staff/api/types';
import { TextArea } from '@/features/staff/components/text-area';
import { useI18n } from '@/lib/i18n';

function Author({ comment }: { comment: Comment }) {
  const { t } = useI18n();
  if (comment.author_name) return <>{comment.author_name}</>;
  return <>{comment.by_reporter ? t('staff.comments.reporter') : t('staff.comments.citizen')}</>;
}

/** The conversation on a ticket as staff see it, with public replies and internal notes. */
export function StaffComments({ ticketId }: { ticketId: string }) {
  const { t, formatDateTime } = useI18n();
  const comments = useComments(ticketId);
  const add = useAddStaffComment(ticketId);
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('internal');
  const list = comments.data?.pages.flatMap((page) => page.data) ?? [];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = body.trim();
    if (!text) return;
    add.mutate({ body: text, visibility }, { onSuccess: () => setBody('') });
  }

  return (
    <section aria-labelledby="comments-heading" className="space-y-3">
      <h2 id="comments-heading" className="text-xl font-semibold text-slate-900">
        {t('staff.comments.title')}
      </h2>
      {comments.isPending && <Loading />}
      {comments.isError && <ErrorMessage error={comments.error} onRetry={() => void comments.refetch()} />}
      {comments.isSuccess && list.length === 0 && <p className="text-slate-700">{t('staff.comments.empty')}</p>}
      {list.length > 0 && (
        <ol className="space-y-2">
          {list.map((comment) => (
            <li
              key={comment.id}
              className={`rounded-lg border p-3 ${
                comment.visibility === 'internal' ? 'border-amber-300 bg-amber-50' : 'border-slate-200 bg-white'
              }`}
            >
              <p className="flex flex-wrap gap-x-2 text-sm text-slate-700">
                <span className="font-semibold text-slate-900">
                  <Author comment={comment} />
                </span>
                <time dateTime={comment.created_at}>{formatDateTime(comment.created_at)}</time>
                <span className="font-medium">
                  {comment.visibility === 'internal' ? t('staff.comments.internal') : t('staff.comments.public')}
                </span>
              </p>
              <p className="whitespace-pre-line text-slate-900">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      {comments.hasNextPage && (
        <Button variant="secondary" onClick={() => void comments.fetchNextPage()} disabled={comments.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
      <form onSubmit={onSubmit} className="space-y-2">
        <TextArea
          label={t('staff.comments.label')}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          maxLength={2000}
          required
        />
        <fieldset className="space-y-1">
          <legend className="font-medium text-slate-800">{t('staff.comments.visibility')}</legend>
          {(['internal', 'public'] as const).map((value) => (
            <label key={value} className="flex items-center gap-2 text-slate-800">
              <input
                type="radio"
                name={`visibility-${ticketId}`}
                value={value}
                checked={visibility === value}
                onChange={() => setVisibility(value)}
                className="size-4 accent-emerald-700"
              />
              {value === 'internal' ? t('staff.comments.visibilityInternal') : t('staff.comments.visibilityPublic')}
            </label>
          ))}
        </fieldset>
        {add.isError && <ErrorMessage error={add.error} />}
        {add.isSuccess && !body && (
          <p role="status" className="text-sm text-emerald-800">
            {t('staff.comments.posted')}
          </p>
        )}
        <Button type="submit" disabled={add.isPending || !body.trim()}>
          {add.isPending ? t('staff.comments.submitting') : t('staff.comments.submit')}
        </Button>
      </form>
    </section>
  );
}
