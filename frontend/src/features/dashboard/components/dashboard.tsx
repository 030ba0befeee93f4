import { lazy, Suspense, useId, useState, type ReactNode } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { inputClass } from '@/components/ui/form-fields';
import { Loading } from '@/components/ui/spinner';
import { STATUS_COLOURS } from '@/components/ui/status-badge';
import { useExportTickets } from '@/features/dashboard/api/export-tickets';
import { useStats, type Bucket, type TicketStats } from '@/features/dashboard/api/get-stats';
import {
  categoryOverTime,
  compliancePercent,
  defaultPeriod,
  durationParts,
  OTHER_CATEGORIES,
  STATUS_ORDER,
  statusKey,
  statusOverTime,
  statusTotals,
  type Status,
} from '@/features/dashboard/components/chart-data';
import { useI18n, type Translate } from '@/lib/i18n';

// recharts only arrives when a dashboard has numbers to draw.
const StatusBars = lazy(() => import('@/features/dashboard/components/dashboard-charts').then((m) => ({ default: m.StatusBars })));
const CategoryLines = lazy(() =>
  import('@/features/dashboard/components/dashboard-charts').then((m) => ({ default: m.CategoryLines })),
);

function isStatus(value: string): value is Status {
  return (STATUS_ORDER as readonly string[]).includes(value);
}

function statusLabel(t: Translate, status: string): string {
  return isStatus(status) ? t(`status.${status}`) : status;
}

function Tile({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-bold text-slate-900">{value}</dd>
      {detail && <dd className="mt-1 text-sm text-slate-600">{detail}</dd>}
    </div>
  );
}

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-xl font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

const cell = 'py-1.5 pr-3';

function Summary({ stats }: { stats: TicketStats }) {
  const { t } = useI18n();
  const median = stats.median_hours_to_resolve;
  const duration = median === null || median === undefined ? null : durationParts(median);
  const percent = compliancePercent(stats);
  return (
    <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <Tile label={t('dashboard.total')} value={String(stats.total)} />
      <Tile label={t('dashboard.resolved')} value={String(stats.resolved)} />
      <Tile
        label={t('dashboard.median')}
        value={duration ? t(`dashboard.${duration.unit}`, { value: duration.value }) : t('dashboard.median.none')}
      />
      <Tile
        label={t('dashboard.sla')}
        value={percent === null ? t('dashboard.sla.none') : t('dashboard.sla.percent', { value: percent })}
        detail={t('dashboard.sla.detail', { met: stats.sla.met, breached: stats.sla.breached, pending: stats.sla.pending })}
      />
    </dl>
  );
}

function Charts({ stats }: { stats: TicketStats }) {
  const { t, language } = useI18n();
  const ids = useId();
  const day = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
  const formatPeriod = (period: string) => day.format(new Date(`${period}T00:00:00Z`));
  const overTime = statusOverTime(stats);
  const byCategory = categoryOverTime(stats);
  const categorySeries = [
    ...byCategory.series,
    ...(byCategory.hasOther ? [{ key: OTHER_CATEGORIES, name: t('dashboard.other') }] : []),
  ];
  const loading = <Loading label={t('dashboard.chartsLoading')} />;

  return (
    <div className="space-y-6">
      <Panel id={`${ids}-status`} title={t('dashboard.overTime')}>
        <Suspense fallback={loading}>
          <StatusBars
            rows={overTime.rows}
            series={overTime.statuses.map((status) => ({
              key: statusKey(status),
              name: statusLabel(t, status),
              colour: isStatus(status) ? STATUS_COLOURS[status] : '#475569',
            }))}
            label={t('dashboard.overTime.chart')}
            formatPeriod={formatPeriod}
          />
        </Suspense>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('dashboard.overTime')}</caption>
            <thead>
              <tr className="text-slate-600">
                <th scope="col" className={cell}>{t('dashboard.col.period')}</th>
                <th scope="col" className={cell}>{t('dashboard.col.created')}</th>
                <th scope="col" className={cell}>{t('dashboard.col.resolved')}</th>
                {overTime.statuses.map((status) => (
                  <th key={status} scope="col" className={cell}>{statusLabel(t, status)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {overTime.rows.map((row) => (
                <tr key={row.period} className="border-t border-slate-200">
                  <th scope="row" className={`${cell} font-medium`}>{formatPeriod(row.period)}</th>
                  <td className={cell}>{row.created}</td>
                  <td className={cell}>{row.resolved}</td>
                  {overTime.statuses.map((status) => (
                    <td key={status} className={cell}>{row[statusKey(status)]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>

      <Panel id={`${ids}-category`} title={t('dashboard.byCategory')}>
        <Suspense fallback={loading}>
          <CategoryLines
            rows={byCategory.rows}
            series={categorySeries}
            label={t('dashboard.byCategory.chart')}
            formatPeriod={formatPeriod}
          />
        </Suspense>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('dashboard.byCategory')}</caption>
            <thead>
              <tr className="text-slate-600">
                <th scope="col" className={cell}>{t('dashboard.col.period')}</th>
                {categorySeries.map((series) => (
                  <th key={series.key} scope="col" className={cell}>{series.name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {byCategory.rows.map((row) => (
                <tr key={row.period} className="border-t border-slate-200">
                  <th scope="row" className={`${cell} font-medium`}>{formatPeriod(row.period)}</th>
                  {categorySeries.map((series) => (
                    <td key={series.key} className={cell}>{row[series.key]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>

      <div className="grid gap-6 lg:grid-cols-2">
        <Panel id={`${ids}-totals`} title={t('dashboard.byStatus')}>
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="text-slate-600">
                <th scope="col" className={cell}>{t('dashboard.col.status')}</th>
                <th scope="col" className={cell}>{t('dashboard.col.count')}</th>
              </tr>
            </thead>
            <tbody>
              {statusTotals(stats).map(({ status, count }) => (
                <tr key={status} className="border-t border-slate-200">
                  <th scope="row" className={`${cell} font-medium`}>{statusLabel(t, status)}</th>
                  <td className={cell}>{count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
        <Panel id={`${ids}-categories`} title={t('dashboard.categoryTotals')}>
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="text-slate-600">
                <th scope="col" className={cell}>{t('dashboard.col.category')}</th>
                <th scope="col" className={cell}>{t('dashboard.col.count')}</th>
              </tr>
            </thead>
            <tbody>
              {[...stats.by_category]
                .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
                .map((category) => (
                  <tr key={category.category_id} className="border-t border-slate-200">
                    <th scope="row" className={`${cell} font-medium`}>{category.name}</th>
                    <td className={cell}>{category.count}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </Panel>
      </div>
    </div>
  );
}

/** A municipality's statistics for a period, as figures, charts and tables, with the CSV export. */
export function Dashboard({ municipalityId, today }: { municipalityId: string; today?: Date }) {
  const { t } = useI18n();
  const ids = useId();
  const [period, setPeriod] = useState(() => defaultPeriod(today));
  const [bucket, setBucket] = useState<Bucket>('week');
  const stats = useStats({ municipalityId, from: period.from, to: period.to, bucket });
  const exporter = useExportTickets();

  return (
    <section aria-labelledby={`${ids}-title`} className="space-y-6">
      <title>{`${t('dashboard.title')} · CityFix`}</title>
      <div className="space-y-1">
        <h1 id={`${ids}-title`} className="text-3xl font-bold tracking-tight text-slate-900">
          {t('dashboard.title')}
        </h1>
        <p className="text-slate-700">{t('dashboard.intro')}</p>
      </div>

      <div className="flex flex-wrap items-end gap-4">
        <fieldset className="flex flex-wrap items-end gap-3">
          <legend className="sr-only">{t('dashboard.filters')}</legend>
          <div className="space-y-1">
            <label htmlFor={`${ids}-from`} className="block font-medium text-slate-800">{t('dashboard.from')}</label>
            <input
              id={`${ids}-from`}
              type="date"
              value={period.from}
              max={period.to}
              required
              onChange={(event) => event.target.value && setPeriod((p) => ({ ...p, from: event.target.value }))}
              className={inputClass}
            />
          </div>
          <div className="space-y-1">
            <label htmlFor={`${ids}-to`} className="block font-medium text-slate-800">{t('dashboard.to')}</label>
            <input
              id={`${ids}-to`}
              type="date"
              value={period.to}
              min={period.from}
              required
              onChange={(event) => event.target.value && setPeriod((p) => ({ ...p, to: event.target.value }))}
              className={inputClass}
            />
          </div>
          <div className="space-y-1">
            <label htmlFor={`${ids}-bucket`} className="block font-medium text-slate-800">{t('dashboard.bucket')}</label>
            <select
              id={`${ids}-bucket`}
              value={bucket}
              onChange={(event) => setBucket(event.target.value as Bucket)}
              className={inputClass}
            >
              <option value="day">{t('dashboard.bucket.day')}</option>
              <option value="week">{t('dashboard.bucket.week')}</option>
              <option value="month">{t('dashboard.bucket.month')}</option>
            </select>
          </div>
        </fieldset>
        <div className="space-y-1">
          <Button
            variant="secondary"
            aria-describedby={`${ids}-export-hint`}
            disabled={exporter.isPending}
            onClick={() => exporter.mutate({ municipalityId, from: period.from, to: period.to })}
          >
            {exporter.isPending ? t('dashboard.exporting') : t('dashboard.export')}
          </Button>
          <p id={`${ids}-export-hint`} className="text-sm text-slate-600">{t('dashboard.exportHint')}</p>
        </div>
      </div>
      {exporter.isError && <ErrorMessage error={exporter.error} />}
      {exporter.isSuccess && (
        <p role="status" className="font-medium text-emerald-800">
          {t('dashboard.exported', { filename: exporter.data.filename })}
        </p>
      )}

      {stats.isPending && <Loading />}
      {stats.isError && <ErrorMessage error={stats.error} onRetry={() => void stats.refetch()} />}
      {stats.isFetching && !stats.isPending && <p className="text-sm text-slate-600">{t('dashboard.updating')}</p>}
      {stats.data && !stats.isError && (
        <>
          <Summary stats={stats.data} />
          {stats.data.total === 0 ? <p className="text-slate-700">{t('dashboard.empty')}</p> : <Charts stats={stats.data} />}
        </>
      )}
    </section>
  );
}
