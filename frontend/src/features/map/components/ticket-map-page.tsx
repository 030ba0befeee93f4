import { useCallback, useState } from 'react';

import { TicketCard } from '@/components/tickets/ticket-card';
import { focusRing } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { env } from '@/config/env';
import {
  MAP_PAGE_SIZE,
  STATUS_FILTERS,
  useMapTickets,
  type Bbox,
  type StatusFilter,
} from '@/features/map/api/get-map-tickets';
import { TicketMap } from '@/features/map/components/ticket-map';
import { useI18n } from '@/lib/i18n';

type View = 'map' | 'list';

function ViewToggle({ view, onChange }: { view: View; onChange: (view: View) => void }) {
  const { t } = useI18n();
  return (
    <div role="group" aria-label={t('map.view')} className="flex rounded-lg border border-slate-300 md:hidden">
      {(['map', 'list'] as const).map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={view === option}
          onClick={() => onChange(option)}
          className={`px-3 py-1.5 text-sm font-medium first:rounded-l-lg last:rounded-r-lg ${focusRing} ${
            view === option ? 'bg-emerald-700 text-white' : 'bg-white text-slate-800'
          }`}
        >
          {t(option === 'map' ? 'map.view.map' : 'map.view.list')}
        </button>
      ))}
    </div>
  );
}

/**
 * The public map: tickets of the visible area, reloaded as the map moves. On wide screens
 * the list sits beside the map; on phones a toggle switches between them (the map first).
 */
export function TicketMapPage() {
  const { t } = useI18n();
  const [bbox, setBbox] = useState<Bbox | null>(null);
  const [filter, setFilter] = useState<StatusFilter>('open');
  const [view, setView] = useState<View>('map');
  const [tilesUnavailable, setTilesUnavailable] = useState(env.mapTileUrl === null);
  const tickets = useMapTickets(bbox, filter);
  const onTilesUnavailable = useCallback(() => setTilesUnavailable(true), []);

  const data = tickets.data?.data ?? [];
  const truncated = data.length >= MAP_PAGE_SIZE || Boolean(tickets.data?.next_cursor);

  return (
    <div className="flex flex-1 flex-col">
      <title>{`${t('map.title')} · CityFix`}</title>
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2 sm:px-6">
        <h1 className="text-lg font-bold text-slate-900">{t('map.title')}</h1>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          {t('map.filter')}
          <select
            value={filter}
            onChange={(event) => setFilter(event.target.value as StatusFilter)}
            className={`rounded-md border border-slate-300 bg-white px-2 py-1 ${focusRing}`}
          >
            {STATUS_FILTERS.map((option) => (
              <option key={option} value={option}>
                {t(`map.filter.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <p aria-live="polite" className="text-sm text-slate-600">
          {tickets.data && t('map.count', { count: data.length })}
        </p>
        <div className="ml-auto">
          <ViewToggle view={view} onChange={setView} />
        </div>
      </div>
      {tilesUnavailable && (
        <p role="status" className="bg-amber-50 px-4 py-1.5 text-sm text-amber-900 sm:px-6">
          {t('map.noTiles')}
        </p>
      )}
      <div className="flex flex-1 flex-col md:grid md:grid-cols-[minmax(18rem,26rem)_1fr]">
        <section
          aria-label={t('map.listLabel')}
          className={`${view === 'list' ? 'flex' : 'hidden'} flex-col gap-3 overflow-y-auto p-4 md:flex md:max-h-[calc(100dvh-7.5rem)]`}
        >
          {tickets.isPending && bbox && <Loading />}
          {tickets.isError && <ErrorMessage error={tickets.error} onRetry={() => void tickets.refetch()} />}
          {tickets.isSuccess && data.length === 0 && <p className="text-slate-600">{t('map.empty')}</p>}
          {truncated && (
            <p className="text-sm text-slate-600">{t('map.truncated', { count: MAP_PAGE_SIZE })}</p>
          )}
          {data.length > 0 && (
            <ul className="space-y-3">
              {data.map((ticket) => (
                <li key={ticket.id}>
                  <TicketCard ticket={ticket} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <div className={`${view === 'map' ? 'flex' : 'hidden'} flex-1 md:flex`}>
          <TicketMap
            tickets={data}
            visible={view === 'map'}
            onViewportChange={setBbox}
            onTilesUnavailable={onTilesUnavailable}
          />
        </div>
      </div>
    </div>
  );
}
