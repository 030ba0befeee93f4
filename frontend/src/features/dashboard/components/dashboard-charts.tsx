import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import type { PeriodRow } from '@/features/dashboard/components/chart-data';

/** Distinguishable on white, and with a dash pattern per line for those who cannot tell colours apart. */
const CATEGORY_COLOURS = ['#047857', '#1d4ed8', '#b45309', '#7c3aed', '#be123c', '#475569'];
const DASHES = ['', '6 3', '2 2', '8 3 2 3', '4 4', '1 3'];

export type Series = { key: string; name: string; colour?: string };

type ChartProps = {
  rows: PeriodRow[];
  series: Series[];
  label: string;
  formatPeriod: (period: string) => string;
};

/**
 * The dashboard's recharts pieces, in their own chunk (the dashboard loads them lazily), so
 * recharts never weighs on pages that show no chart. Each chart is an image with a label; the
 * numbers are in the tables the dashboard puts under them. Legends keep the series' order (a ticket's
 * path, or the largest category first), and nothing animates.
 */
export function StatusBars({ rows, series, label, formatPeriod }: ChartProps) {
  return (
    <div role="img" aria-label={label} className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="period" tickFormatter={formatPeriod} />
          <YAxis allowDecimals={false} />
          <Tooltip labelFormatter={(period) => formatPeriod(String(period))} />
          <Legend itemSorter={null} />
          {series.map((item) => (
            <Bar key={item.key} dataKey={item.key} name={item.name} stackId="status" fill={item.colour ?? '#475569'} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function CategoryLines({ rows, series, label, formatPeriod }: ChartProps) {
  return (
    <div role="img" aria-label={label} className="h-72 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="period" tickFormatter={formatPeriod} />
          <YAxis allowDecimals={false} />
          <Tooltip labelFormatter={(period) => formatPeriod(String(period))} />
          <Legend itemSorter={null} />
          {series.map((item, index) => (
            <Line
              key={item.key}
              type="linear"
              dataKey={item.key}
              name={item.name}
              stroke={item.colour ?? CATEGORY_COLOURS[index % CATEGORY_COLOURS.length]}
              strokeDasharray={DASHES[index % DASHES.length]}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
