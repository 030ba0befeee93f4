import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { StatusBadge } from '@/components/ui/status-badge';
import { useCategories, type Category } from '@/features/report/api/get-categories';
import { useCreateTicket } from '@/features/report/api/create-ticket';
import { useNearby } from '@/features/report/api/get-nearby';
import { useLocate, type Point } from '@/features/report/api/locate';
import { useSupportNearby } from '@/features/report/api/support-nearby';
import { toAnswers, type AnswerDraft } from '@/features/report/components/answers';
import { LocationPicker } from '@/features/report/components/location-picker';
import { PhotoPicker } from '@/features/report/components/photo-picker';
import { usePhotoUploads } from '@/features/report/components/use-photo-uploads';
import { QuestionField } from '@/features/report/components/question-field';
import { useI18n } from '@/lib/i18n';

/** The API takes plain text up to this length. */
const MAX_DESCRIPTION = 4000;

function groupByName(categories: Category[]): [string, Category[]][] {
  const groups = new Map<string, Category[]>();
  for (const category of categories) groups.set(category.group, [...(groups.get(category.group) ?? []), category]);
  return [...groups.entries()];
}

function Step({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id={id} className="text-xl font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Done({ title, text, ticketId, onAgain }: { title: string; text: string; ticketId: string; onAgain: () => void }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="report-done" className="space-y-4">
      <h1 id="report-done" className="text-3xl font-bold tracking-tight text-slate-900">
        {title}
      </h1>
      <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-emerald-900">
        {text}
      </p>
      <div className="flex flex-wrap gap-4">
        <Link to={`/tickets/${ticketId}`} className="text-emerald-800 underline underline-offset-4">
          {t('report.viewTicket')}
        </Link>
        <Link to="/my-reports" className="text-emerald-800 underline underline-offset-4">
          {t('nav.myReports')}
        </Link>
        <Button variant="link" onClick={onAgain}>
          {t('report.another')}
        </Button>
      </div>
    </section>
  );
}

/**
 * The report flow: where (map click or GPS), what (category and its questions), "is it one of
 * these?" (nearby open tickets of that category, "me too" instead of a duplicate), and a
 * description, with up to five photos uploaded as they are chosen.
 */
export function ReportForm() {
  const { t } = useI18n();
  const ids = useId();
  const [point, setPoint] = useState<Point | null>(null);
  const [categoryId, setCategoryId] = useState<string>('');
  const [draft, setDraft] = useState<AnswerDraft>({});
  const [description, setDescription] = useState('');

  const located = useLocate(point);
  const categories = useCategories(located.data?.municipality_id);
  const category = categories.data?.find((c) => c.id === categoryId) ?? null;
  const nearby = useNearby(located.isSuccess ? point : null, category?.id ?? null);
  const create = useCreateTicket();
  const support = useSupportNearby();
  const photos = usePhotoUploads();

  function reset() {
    photos.reset();
    setPoint(null);
    setCategoryId('');
    setDraft({});
    setDescription('');
    create.reset();
    support.reset();
  }

  if (create.isSuccess) {
    return (
      <Done
        title={t('report.doneTitle')}
        text={t('report.done', { reference: create.data.reference })}
        ticketId={create.data.id}
        onAgain={reset}
      />
    );
  }
  if (support.isSuccess) {
    return (
      <Done
        title={t('report.doneTitle')}
        text={t('report.supportedDone', { reference: support.data.reference })}
        ticketId={support.data.id}
        onAgain={reset}
      />
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!point || !category) return;
    create.mutate({
      location: point,
      category_id: category.id,
      description: description.trim(),
      answers: toAnswers(category.questions, draft),
      photo_ids: photos.photoIds,
    });
  }

  const questions = [...(category?.questions ?? [])].sort((a, b) => a.order - b.order);
  const ready =
    located.isSuccess && category !== null && description.trim() !== '' && !photos.uploading;

  return (
    <form onSubmit={onSubmit} className="space-y-6" aria-labelledby={`${ids}-title`}>
      <title>{`${t('report.title')} · CityFix`}</title>
      <h1 id={`${ids}-title`} className="text-3xl font-bold tracking-tight text-slate-900">
        {t('report.title')}
      </h1>

      <Step id={`${ids}-where`} title={t('report.where')}>
        <LocationPicker point={point} onPick={setPoint} />
        {located.isFetching && <Loading />}
        {located.isError && <ErrorMessage error={located.error} />}
        {located.isSuccess && (
          <p className="font-medium text-slate-800">{t('report.municipality', { name: located.data.name })}</p>
        )}
      </Step>

      <Step id={`${ids}-photos`} title={t('photos.step')}>
        <PhotoPicker uploads={photos} onUseLocation={setPoint} />
      </Step>

      {located.isSuccess && (
        <Step id={`${ids}-what`} title={t('report.what')}>
          {categories.isPending && <Loading />}
          {categories.isError && <ErrorMessage error={categories.error} onRetry={() => void categories.refetch()} />}
          {categories.data && (
            <div className="space-y-1">
              <label htmlFor={`${ids}-category`} className="block font-medium text-slate-800">
                {t('report.category')}
              </label>
              <select
                id={`${ids}-category`}
                required
                value={categoryId}
                onChange={(event) => {
                  setCategoryId(event.target.value);
                  setDraft({});
                }}
                className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 focus-visible:outline-2 focus-visible:outline-emerald-700"
              >
                <option value="">{t('report.chooseCategory')}</option>
                {groupByName(categories.data).map(([group, members]) => (
                  <optgroup key={group} label={group}>
                    {members.map((member) => (
                      <option key={member.id} value={member.id}>
                        {member.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              {category && <p className="text-sm text-slate-600">{category.description}</p>}
            </div>
          )}
          {questions.map((question) => (
            <QuestionField
              key={question.code}
              question={question}
              value={draft[question.code]}
              onChange={(value) => setDraft((current) => ({ ...current, [question.code]: value }))}
              requiredMark={t('report.required')}
            />
          ))}
        </Step>
      )}

      {nearby.data && nearby.data.data.length > 0 && (
        <Step id={`${ids}-nearby`} title={t('report.nearbyTitle')}>
          <p className="text-slate-700">{t('report.nearbyHint')}</p>
          {support.isError && <ErrorMessage error={support.error} />}
          <ul className="space-y-3">
            {nearby.data.data.map((ticket) => (
              <li key={ticket.id} className="space-y-2 rounded-xl border border-slate-200 p-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <Link to={`/tickets/${ticket.id}`} className="font-semibold text-emerald-800 underline underline-offset-4">
                    {ticket.reference}
                  </Link>
                  <StatusBadge status={ticket.status} />
                </div>
                <p className="text-slate-700">{ticket.description}</p>
                <p className="text-sm text-slate-600">{t('report.distance', { distance: Math.round(ticket.distance_m) })}</p>
                <Button
                  variant="secondary"
                  disabled={support.isPending}
                  onClick={() => support.mutate(ticket.id)}
                  aria-label={t('report.meToo', { reference: ticket.reference })}
                >
                  {t('ticket.support')}
                </Button>
              </li>
            ))}
          </ul>
        </Step>
      )}

      {category && (
        <Step id={`${ids}-describe`} title={t('report.describe')}>
          <label htmlFor={`${ids}-description`} className="sr-only">
            {t('report.describe')}
          </label>
          <textarea
            id={`${ids}-description`}
            required
            rows={4}
            maxLength={MAX_DESCRIPTION}
            value={description}
            aria-describedby={`${ids}-description-hint`}
            onChange={(event) => setDescription(event.target.value)}
            className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 focus-visible:border-emerald-700 focus-visible:outline-2 focus-visible:outline-emerald-700"
          />
          <p id={`${ids}-description-hint`} className="text-sm text-slate-600">
            {t('report.describeHint')}
          </p>
        </Step>
      )}

      {create.isError && <ErrorMessage error={create.error} />}
      {photos.uploading && <p className="text-sm text-slate-700">{t('photos.waiting')}</p>}
      <Button type="submit" disabled={!ready || create.isPending} className="w-full sm:w-auto">
        {create.isPending ? t('report.submitting') : t('report.submit')}
      </Button>
    </form>
  );
}
