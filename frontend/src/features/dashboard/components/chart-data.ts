import type { TicketStats } from '@/features/dashboard/api/get-stats';

/** The order statuses appear in charts and tables: the way a ticket travels. */
export const STATUS_ORDER = [
  'received',
  'reopened',
  'triaged',
  'assigned',
  'action_scheduled',
  'in_progress',
  'resolved',
  'closed',
  'duplicate',
  'not_responsible',
  'unable_to_fix',
] as const;
export type Status = (typeof STATUS_ORDER)[number];

/** The statuses that occur in the period, in STATUS_ORDER, then any the app does not know yet. */
export function statusesIn(stats: TicketStats): string[] {
  const seen = new Set<string>();
  for (const [status, count] of Object.entries(stats.by_status)) if (count > 0) seen.add(status);
  for (const period of stats.over_time)
    for (const [status, count] of Object.entries(period.by_status)) if (count > 0) seen.add(status);
  const known = STATUS_ORDER.filter((status) => seen.has(status));
  const unknown = [...seen].filter((status) => !(STATUS_ORDER as readonly string[]).includes(status)).sort();
  return [...known, ...unknown];
}

export type StatusTotal = { status: string; count: number };

export function statusTotals(stats: TicketStats): StatusTotal[] {
  return statusesIn(stats).map((status) => ({ status, count: stats.by_status[status] ?? 0 }));
}

/**
 * One row per bucket: its start, created and resolved counts, and a count per series under the
 * series' key. Keys are prefixed (`status:resolved`, `category:<id>`) so a status named like a
 * column (`resolved`) or a category id cannot overwrite another value.
 */
export type PeriodRow = { period: string; created: number; resolved: number } & Record<string, number | string>;

export const statusKey = (status: string) => `status:${status}`;
export const categoryKey = (categoryId: string) => `category:${categoryId}`;

export function statusOverTime(stats: TicketStats): { statuses: string[]; rows: PeriodRow[] } {
  const statuses = statusesIn(stats);
  const rows = stats.over_time.map((bucket) => {
    const row: PeriodRow = { period: bucket.period_start, created: bucket.created, resolved: bucket.resolved };
    for (const status of statuses) row[statusKey(status)] = bucket.by_status[status] ?? 0;
    return row;
  });
  return { statuses, rows };
}

export type CategorySeries = { key: string; name: string };
export const OTHER_CATEGORIES = 'category:*other*';

/**
 * Tickets per category over time. The `limit` largest categories of the period get a line each;
 * the rest are summed as one "other" series, so the chart stays readable with many categories.
 */
export function categoryOverTime(
  stats: TicketStats,
  limit = 5,
): { series: CategorySeries[]; rows: PeriodRow[]; hasOther: boolean } {
  const ranked = [...stats.by_category].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const top = ranked.slice(0, limit);
  const topIds = new Set(top.map((category) => category.category_id));
  const hasOther = ranked.length > limit;
  const series = top.map((category) => ({ key: categoryKey(category.category_id), name: category.name }));
  const rows = stats.over_time.map((bucket) => {
    const row: PeriodRow = { period: bucket.period_start, created: bucket.created, resolved: bucket.resolved };
    let other = 0;
    for (const category of top) row[categoryKey(category.category_id)] = bucket.by_category[category.category_id] ?? 0;
    for (const [id, count] of Object.entries(bucket.by_category)) if (!topIds.has(id)) other += count;
    if (hasOther) row[OTHER_CATEGORIES] = other;
    return row;
  });
  return { series, rows, hasOther };
}

/** A duration in hours as a person reads it: hours up to two days, then days, one decimal at most. */
export function durationParts(hours: number): { unit: 'hours' | 'days'; value: number } {
  const round = (value: number) => Math.round(value * 10) / 10;
  return hours < 48 ? { unit: 'hours', value: round(hours) } : { unit: 'days', value: round(hours / 24) };
}

/** SLA compliance as a whole percentage, or null when nothing was decided in the period. */
export function compliancePercent(stats: TicketStats): number | null {
  const { compliance } = stats.sla;
  return compliance === null || compliance === undefined ? null : Math.round(compliance * 100);
}

/** `YYYY-MM-DD` of a date in the browser's time zone. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The API's default period: the last 30 days, today included. */
export function defaultPeriod(today: Date = new Date()): { from: string; to: string } {
  const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29);
  return { from: isoDay(from), to: isoDay(today) };
}
