import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import type { Ticket } from '@/features/tickets/api/get-ticket';
import { useFollowTicket } from '@/features/tickets/api/follow-ticket';
import { useSupportTicket } from '@/features/tickets/api/support-ticket';
import { useUser } from '@/lib/auth';
import { useI18n } from '@/lib/i18n';

const OPEN_STATUSES: ReadonlySet<Ticket['status']> = new Set([
  'received',
  'triaged',
  'assigned',
  'in_progress',
  'action_scheduled',
  'reopened',
]);

/**
 * Follow and "me too", for signed-in people. "Me too" is offered only where the API takes
 * it: on open tickets, and not to the reporter (whose report already counts).
 */
export function TicketActions({ ticket }: { ticket: Ticket }) {
  const ticketId = ticket.id;
  const canSupport = OPEN_STATUSES.has(ticket.status) && ticket.view !== 'reporter';
  const { t } = useI18n();
  const { user } = useUser();
  const follow = useFollowTicket(ticketId);
  const support = useSupportTicket(ticketId);

  if (!user) return <p className="text-sm text-slate-600">{t('ticket.followHint')}</p>;

  const following = follow.data?.following ?? false;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          aria-pressed={following}
          disabled={follow.isPending}
          onClick={() => follow.mutate(!following)}
        >
          {following ? t('ticket.following') : t('ticket.follow')}
        </Button>
        {canSupport && (
          <Button
            variant="secondary"
            disabled={support.isPending || support.isSuccess}
            onClick={() => support.mutate()}
          >
            {t('ticket.support')}
          </Button>
        )}
      </div>
      {support.isSuccess && (
        <p role="status" className="text-sm text-emerald-800">
          {t('ticket.supported')}
        </p>
      )}
      {follow.isError && <ErrorMessage error={follow.error} />}
      {support.isError && <ErrorMessage error={support.error} />}
    </div>
  );
}
