import { describe, expect, it } from 'vitest';

import {
  categoryOverTime,
  compliancePercent,
  defaultPeriod,
  durationParts,
  OTHER_CATEGORIES,
  statusOverTime,
  statusTotals,
} from '@/features/dashboard/components/chart-data';
import { buildStats } from '@/testing/stats-fixtures';

describe('dashboard data', () => {
  it('orders statuses as a ticket travels, fills gaps with 0, and keeps the status resolved apart from the resolved count', () => {
    const { statuses, rows } = statusOverTime(buildStats());
    expect(statuses).toEqual(['received', 'in_progress', 'resolved']);
    expect(rows).toEqual([
      { period: '2026-11-02', created: 4, resolved: 1, 'status:received': 2, 'status:in_progress': 0, 'status:resolved': 2 },
      { period: '2026-11-09', created: 3, resolved: 2, 'status:received': 0, 'status:in_progress': 2, 'status:resolved': 1 },
    ]);
  });

  it('totals by status in the same order, keeping statuses the app does not know yet', () => {
    const stats = buildStats({ by_status: { resolved: 3, archived: 1, received: 2 } });
    expect(statusTotals(stats)).toEqual([
      { status: 'received', count: 2 },
      { status: 'in_progress', count: 0 },
      { status: 'resolved', count: 3 },
      { status: 'archived', count: 1 },
    ]);
  });

  it('draws the largest categories and sums the rest as "other"', () => {
    const stats = buildStats({
      by_category: [
        { category_id: 'a', name: 'A', count: 1 },
        { category_id: 'b', name: 'B', count: 5 },
        { category_id: 'c', name: 'C', count: 3 },
      ],
      over_time: [{ period_start: '2026-11-02', created: 9, resolved: 0, by_status: {}, by_category: { a: 1, b: 5, c: 3 } }],
    });
    const shaped = categoryOverTime(stats, 2);
    expect(shaped.series).toEqual([
      { key: 'category:b', name: 'B' },
      { key: 'category:c', name: 'C' },
    ]);
    expect(shaped.hasOther).toBe(true);
    expect(shaped.rows).toEqual([{ period: '2026-11-02', created: 9, resolved: 0, 'category:b': 5, 'category:c': 3, [OTHER_CATEGORIES]: 1 }]);
    expect(categoryOverTime(stats, 5).rows[0]).not.toHaveProperty(OTHER_CATEGORIES);
  });

  it('reads durations in hours up to two days, then in days', () => {
    expect(durationParts(30.25)).toEqual({ unit: 'hours', value: 30.3 });
    expect(durationParts(60)).toEqual({ unit: 'days', value: 2.5 });
  });

  it('gives SLA compliance as a percentage, or null when nothing is decided', () => {
    expect(compliancePercent(buildStats())).toBe(75);
    expect(compliancePercent(buildStats({ sla: { with_due_date: 2, met: 0, breached: 0, pending: 2, compliance: null } }))).toBeNull();
  });

  it('defaults to the last 30 days, today included', () => {
    expect(defaultPeriod(new Date(2026, 10, 28, 15, 0))).toEqual({ from: '2026-10-30', to: '2026-11-28' });
  });
});
