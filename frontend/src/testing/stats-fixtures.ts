import type { components } from '@/lib/api-client';

type TicketStats = components['schemas']['TicketStats'];

/** Two weeks of a municipality's statistics: two categories, three statuses, an SLA three quarters met. */
export function buildStats(overrides: Partial<TicketStats> = {}): TicketStats {
  return {
    municipality_id: 'potsdam',
    bucket: 'week',
    created_from: '2026-11-01',
    created_to: '2026-11-14',
    generated_at: '2026-11-14T12:00:00Z',
    total: 7,
    resolved: 3,
    median_hours_to_resolve: 30.25,
    by_status: { in_progress: 2, received: 2, resolved: 3 },
    by_category: [
      { category_id: 'c-light', name: 'Street light', count: 2 },
      { category_id: 'c-pothole', name: 'Pothole', count: 5 },
    ],
    over_time: [
      { period_start: '2026-11-02', created: 4, resolved: 1, by_status: { received: 2, resolved: 2 }, by_category: { 'c-pothole': 3, 'c-light': 1 } },
      { period_start: '2026-11-09', created: 3, resolved: 2, by_status: { in_progress: 2, resolved: 1 }, by_category: { 'c-pothole': 2, 'c-light': 1 } },
    ],
    sla: { with_due_date: 6, met: 3, breached: 1, pending: 2, compliance: 0.75 },
    ...overrides,
  };
}
