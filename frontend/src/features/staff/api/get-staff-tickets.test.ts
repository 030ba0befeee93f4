import { describe, expect, it } from 'vitest';

import { endOfDay, getStaffTickets, NO_FILTERS, startOfDay } from '@/features/staff/api/get-staff-tickets';
import { jsonResponse, mockApi } from '@/testing/test-utils';

describe('GET /api/v1/tickets with the staff filters', () => {
  it('sends only the defaults when nothing is filtered', async () => {
    const { requests } = mockApi({ 'GET /api/v1/tickets': () => jsonResponse({ data: [], next_cursor: null }) });
    await getStaffTickets(NO_FILTERS, null);
    const params = new URL(requests[0]?.url ?? '').searchParams;
    expect([...params.keys()].sort()).toEqual(['limit', 'order', 'sort']);
  });

  it('sends every filter the API supports', async () => {
    const { requests } = mockApi({ 'GET /api/v1/tickets': () => jsonResponse({ data: [], next_cursor: null }) });
    await getStaffTickets(
      {
        status: ['received', 'reopened'],
        priority: ['urgent'],
        categoryId: 'category-1',
        operatorId: 'operator-1',
        createdFrom: '2026-11-01',
        createdTo: '2026-11-20',
        overdue: true,
        q: '  pothole ',
        bbox: '13,52,13.1,52.5',
        sort: 'due_at',
        order: 'asc',
      },
      'next-page',
    );
    const params = new URL(requests[0]?.url ?? '').searchParams;
    expect(params.getAll('status')).toEqual(['received', 'reopened']);
    expect(params.getAll('priority')).toEqual(['urgent']);
    expect(params.get('category_id')).toBe('category-1');
    expect(params.get('assigned_operator_id')).toBe('operator-1');
    expect(params.get('created_from')).toBe(startOfDay('2026-11-01'));
    expect(params.get('created_to')).toBe(endOfDay('2026-11-20'));
    expect(params.get('overdue')).toBe('true');
    expect(params.get('q')).toBe('pothole');
    expect(params.get('bbox')).toBe('13,52,13.1,52.5');
    expect(params.get('sort')).toBe('due_at');
    expect(params.get('order')).toBe('asc');
    expect(params.get('cursor')).toBe('next-page');
  });

  it('turns a day range into instants with a time zone, the end exclusive', () => {
    const from = new Date(startOfDay('2026-11-01'));
    const to = new Date(endOfDay('2026-11-01'));
    expect(from.getDate()).toBe(1);
    expect(from.getHours()).toBe(0);
    expect(to.getTime() - from.getTime()).toBeGreaterThanOrEqual(23 * 3600_000);
    expect(startOfDay('2026-11-01')).toMatch(/Z$/);
  });
});
