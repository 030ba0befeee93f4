import { lazy, Suspense, useCallback, useState } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useStaffCategories } from '@/features/staff/api/get-categories';
import { useOperators } from '@/features/staff/api/get-operators';
import { NO_FILTERS, useStaffTickets, type TicketFilters } from '@/features/staff/api/get-staff-tickets';
import type { StaffUser, Ticket } from '@/features/staff/api/types';
import { BulkAssign } from '@/features/staff/components/bulk-assign';
import { StaffTicketCard } from '@/features/staff/components/staff-ticket-card';
import { TicketFiltersForm } from '@/features/staff/components/ticket-filters';
import { isOpen } from '@/features/staff/lib/status-table';
import { useI18n } from '@/lib/i18n';

const StaffMap = lazy(() => import('@/features/staff/components/staff-map'));

/** Tickets of the municipality with every filter, a map of them, and assignment of several at once. */
export function TicketList({ user }: { user: StaffUser }) {
  const { t } = useI18n();
  const isManager = user.role === 'manager';
  const [filters, setFilters] = useState<TicketFilters>(NO_FILTERS);
  const [mapArea, setMapArea] = useState(false);
  const [viewportBbox, setViewportBbox] = useState('');
  const [view, setView] = useState<'list' | 'map'>('list');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const effective = mapArea && viewportBbox ? { ...filters, bbox: viewportBbox } : filters;
  const tickets = useStaffTickets(effective);
  const categories = useStaffCategories(user.municipality_id);
  const operators = useOperators(isManager);
  const categoryName = (id: string) => categories.data?.find((c) => c.id === id)?.name ?? id;
  const shown = tickets.data?.pages.flatMap((page) => page.data) ?? [];
  const selectable = (ticket: Ticket) => isManager && isOpen(ticket.status);
  const chosen = shown.filter((ticket) => selected.has(ticket.id));
  const onViewportChange = useCallback((bbox: string) => setViewportBbox(bbox), []);

  function select(ticketId: string, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(ticketId);
      else next.delete(ticketId);
      return next;
    });
  }

  const allSelectable = shown.filter(selectable);
  const allChosen = allSelectable.length > 0 && allSelectable.every((ticket) => selected.has(ticket.id));

  return (
    <section aria-labelledby="list-heading" className="space-y-4">
      <title>{`${t('staff.list.title')} · CityFix`}</title>
      <h1 id="list-heading" className="text-3xl font-bold tracking-tight text-slate-900">
        {t('staff.list.title')}
      </h1>
      <TicketFiltersForm
        filters={filters}
        onChange={(next) => {
          setFilters(next);
          setSelected(new Set());
        }}
        categories={categories.data ?? []}
        operators={isManager ? (operators.data ?? []) : null}
        mapAreaAvailable
        mapArea={mapArea}
        onMapAreaChange={setMapArea}
      />
      {isManager && chosen.length > 0 && (
        <BulkAssign
          selected={chosen}
          operators={operators.data ?? []}
          onDone={(assigned) =>
            setSelected((current) => new Set([...current].filter((id) => !assigned.includes(id))))
          }
          onClear={() => setSelected(new Set())}
        />
      )}
      <div role="group" aria-label={t('staff.list.view')} className="flex gap-2 lg:hidden">
        <Button variant="secondary" aria-pressed={view === 'list'} onClick={() => setView('list')}>
          {t('staff.list.showList')}
        </Button>
        <Button variant="secondary" aria-pressed={view === 'map'} onClick={() => setView('map')}>
          {t('staff.list.showMap')}
        </Button>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className={`space-y-3 ${view === 'list' ? '' : 'hidden lg:block'}`}>
          {tickets.isPending && <Loading />}
          {tickets.isError && <ErrorMessage error={tickets.error} onRetry={() => void tickets.refetch()} />}
          {tickets.isSuccess && shown.length === 0 && <p className="text-slate-700">{t('staff.list.empty')}</p>}
          {shown.length > 0 && (
            <>
              <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-700">
                <p aria-live="polite">{t('staff.list.count', { count: shown.length })}</p>
                {isManager && allSelectable.length > 0 && (
                  <label className="flex items-center gap-1.5">
                    <input
                      type="checkbox"
                      checked={allChosen}
                      onChange={(event) =>
                        setSelected(event.target.checked ? new Set(allSelectable.map((ticket) => ticket.id)) : new Set())
                      }
                      className="size-4 accent-emerald-700"
                    />
                    {t('staff.list.selectAll')}
                  </label>
                )}
              </div>
              <ul className="space-y-3">
                {shown.map((ticket) => (
                  <li key={ticket.id}>
                    <StaffTicketCard
                      ticket={ticket}
                      categoryName={categoryName(ticket.category_id)}
                      leading={
                        selectable(ticket) ? (
                          <input
                            type="checkbox"
                            aria-label={t('staff.list.select', { reference: ticket.reference })}
                            checked={selected.has(ticket.id)}
                            onChange={(event) => select(ticket.id, event.target.checked)}
                            className="mt-1.5 size-5 accent-emerald-700"
                          />
                        ) : undefined
                      }
                    />
                  </li>
                ))}
              </ul>
            </>
          )}
          {tickets.hasNextPage && (
            <Button variant="secondary" onClick={() => void tickets.fetchNextPage()} disabled={tickets.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          )}
        </div>
        <div className={`space-y-2 ${view === 'map' ? '' : 'hidden lg:block'}`}>
          <p className="text-sm text-slate-600">{t('staff.list.mapNote')}</p>
          <Suspense fallback={<div className="h-[60dvh] min-h-80 w-full rounded-xl bg-slate-200" />}>
            <StaffMap tickets={shown} visible={view === 'map'} onViewportChange={onViewportChange} />
          </Suspense>
        </div>
      </div>
    </section>
  );
}
