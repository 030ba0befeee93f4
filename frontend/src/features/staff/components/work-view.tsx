import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Link } from 'react-router';

import { focusRing } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { StatusBadge } from '@/components/ui/status-badge';
import { useCategoryName } from '@/features/staff/api/get-categories';
import { useStaffTicket } from '@/features/staff/api/get-ticket';
import type { StaffUser, Ticket } from '@/features/staff/api/types';
import { AssignPanel } from '@/features/staff/components/assign-panel';
import { PhotoGallery } from '@/features/staff/components/photo-gallery';
import { DueLabel, PriorityLabel } from '@/features/staff/components/staff-ticket-card';
import { StaffComments } from '@/features/staff/components/staff-comments';
import { StaffHistory } from '@/features/staff/components/staff-history';
import { StatusActions } from '@/features/staff/components/status-actions';
import { ModerationPanel } from '@/features/staff/components/moderation-panel';
import { PhotoControls } from '@/features/staff/components/photo-controls';
import { TransferForm } from '@/features/staff/components/transfer-form';
import { canAssign } from '@/features/staff/lib/status-table';
import { useUser } from '@/lib/auth';
import { useI18n } from '@/lib/i18n';

const SpotMap = lazy(() => import('@/features/staff/components/spot-map'));

export function directionsUrl({ lat, lon }: Ticket['location']): string {
  return `https://www.openstreetmap.org/directions?to=${lat}%2C${lon}`;
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-600">{term}</dt>
      <dd className="text-slate-900">{children}</dd>
    </div>
  );
}

const linkClass = `inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-3 font-medium text-emerald-900 hover:bg-slate-50 ${focusRing}`;

function Details({
  ticket,
  user,
  notice,
  onTransferred,
}: {
  ticket: Ticket;
  user: StaffUser;
  notice: string | null;
  onTransferred: (ticket: Ticket) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const categoryName = useCategoryName(ticket.municipality_id);
  const isManager = user.role === 'manager' && user.municipality_id === ticket.municipality_id;
  const photoControls = isManager
    ? (mediaId: string, number: number) => (
        <PhotoControls ticketId={ticket.id} mediaId={mediaId} number={number} hidden={ticket.hidden_photo_ids.includes(mediaId)} />
      )
    : undefined;
  const answers = Object.entries(ticket.answers ?? {});
  const back = user.role === 'operator' ? '/staff/queue' : user.role === 'manager' ? '/staff/triage' : '/staff/tickets';

  return (
    <article className="space-y-6">
      <title>{`${ticket.reference} · CityFix`}</title>
      <header className="space-y-3">
        <Link to={back} className={`text-sm text-emerald-800 underline underline-offset-4 ${focusRing}`}>
          {t('staff.work.back')}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">{ticket.reference}</h1>
          <StatusBadge status={ticket.status} />
        </div>
        {notice && (
          <p role="status" className="rounded-lg bg-emerald-50 p-3 text-emerald-900">
            {notice}
          </p>
        )}
        {ticket.view !== 'staff' && (
          <p role="alert" className="rounded-lg bg-amber-50 p-3 text-amber-900">
            {t('staff.work.notStaff')}
          </p>
        )}
        <p className="flex flex-wrap gap-x-3 gap-y-1">
          <DueLabel ticket={ticket} />
          <PriorityLabel priority={ticket.priority} />
        </p>
        {ticket.hidden && <p className="font-medium text-red-900">{t('staff.ticket.hidden')}</p>}
        <p className="text-lg whitespace-pre-line text-slate-800">{ticket.description}</p>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <Fact term={t('staff.ticket.category')}>{categoryName(ticket.category_id)}</Fact>
          <Fact term={ticket.address ? t('staff.ticket.address') : t('staff.ticket.location')}>
            {ticket.address ?? `${ticket.location.lat.toFixed(5)}, ${ticket.location.lon.toFixed(5)}`}
          </Fact>
          <Fact term={t('staff.ticket.reported')}>
            <time dateTime={ticket.created_at}>{formatDateTime(ticket.created_at)}</time>
          </Fact>
          <Fact term={t('staff.ticket.operator')}>{ticket.assigned_operator_name ?? t('staff.ticket.unassigned')}</Fact>
          {answers.map(([question, answer]) => (
            <Fact key={question} term={question}>
              {String(answer)}
            </Fact>
          ))}
        </dl>
        {ticket.support_count > 0 && (
          <p className="text-sm text-slate-700">{t('staff.ticket.supporters', { count: ticket.support_count })}</p>
        )}
        {ticket.former_references.length > 0 && (
          <p className="text-sm text-slate-700">
            {t('staff.ticket.formerReferences', { references: ticket.former_references.join(', ') })}
          </p>
        )}
      </header>

      {ticket.view === 'staff' && <StatusActions ticket={ticket} user={user} />}
      {canAssign(user, ticket) && <AssignPanel ticket={ticket} user={user} />}

      <section aria-label={t('staff.work.map', { reference: ticket.reference })} className="space-y-2">
        <div className="flex flex-wrap gap-2">
          <a
            href={directionsUrl(ticket.location)}
            target="_blank"
            rel="noreferrer"
            aria-label={t('staff.work.directionsLabel', { reference: ticket.reference })}
            className={linkClass}
          >
            {t('staff.work.directions')}
          </a>
          <a href={`geo:${ticket.location.lat},${ticket.location.lon}`} className={linkClass}>
            {t('staff.work.openInMaps')}
          </a>
        </div>
        <Suspense fallback={<div className="h-56 w-full rounded-lg bg-slate-200" />}>
          <SpotMap ticket={ticket} />
        </Suspense>
      </section>


      <PhotoGallery
        title={t('staff.work.photos')}
        reference={ticket.reference}
        photoIds={ticket.photo_ids}
        hiddenIds={ticket.hidden_photo_ids}
        {...(photoControls ? { controls: photoControls } : {})}
      />
      {ticket.after_photo_ids.length > 0 && (
        <PhotoGallery
          title={t('staff.work.afterPhotos')}
          reference={ticket.reference}
          photoIds={ticket.after_photo_ids}
          hiddenIds={ticket.hidden_photo_ids}
          {...(photoControls ? { controls: photoControls } : {})}
        />
      )}

      <StaffComments ticketId={ticket.id} />
      <StaffHistory ticketId={ticket.id} />
      {isManager && <ModerationPanel ticket={ticket} user={user} />}
      {isManager && <TransferForm ticket={ticket} onTransferred={onTransferred} />}
    </article>
  );
}

/** The work view of one ticket: what and where it is, how to get there, and what to do next. */
export function WorkView({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const { user } = useUser();
  const ticket = useStaffTicket(ticketId);
  const [notice, setNotice] = useState<string | null>(null);
  if (!user) return null;
  if (ticket.isPending) return <Loading />;
  if (ticket.isError) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold text-slate-900">{t('common.errorTitle')}</h1>
        <ErrorMessage error={ticket.error} onRetry={() => void ticket.refetch()} />
      </div>
    );
  }
  return (
    <Details
      ticket={ticket.data}
      user={user}
      notice={notice}
      onTransferred={(moved) => setNotice(t('staff.transfer.done', { reference: moved.reference }))}
    />
  );
}
