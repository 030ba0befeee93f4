import type { components } from '@/lib/api-client';
import { useI18n } from '@/lib/i18n';

export type TicketStatus = components['schemas']['TicketView']['status'];

/** One colour per stage, shared by markers and badges (the text always says the status too). */
export const STATUS_COLOURS: Record<TicketStatus, string> = {
  received: '#b91c1c',
  reopened: '#b91c1c',
  triaged: '#c2410c',
  assigned: '#a16207',
  action_scheduled: '#a16207',
  in_progress: '#1d4ed8',
  resolved: '#047857',
  closed: '#475569',
  duplicate: '#475569',
  not_responsible: '#475569',
  unable_to_fix: '#475569',
};

export function StatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useI18n();
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2.5 py-0.5 text-sm font-medium text-slate-800">
      <span
        aria-hidden="true"
        className="inline-block size-2.5 rounded-full"
        style={{ backgroundColor: STATUS_COLOURS[status] }}
      />
      {t(`status.${status}`)}
    </span>
  );
}
