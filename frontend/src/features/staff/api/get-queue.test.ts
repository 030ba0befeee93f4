import { describe, expect, it } from 'vitest';

import { byDueThenPriority, getQueue } from '@/features/staff/api/get-queue';
import { buildStaffTicket } from '@/testing/staff';
import { jsonResponse, mockApi } from '@/testing/test-utils';

describe('the operator queue', () => {
  it('orders by due time (none last), then priority, then age', () => {
    const tickets = [
      buildStaffTicket({ id: 'no-due', due_at: null, priority: 'urgent' }),
      buildStaffTicket({ id: 'later', due_at: '2026-11-30T10:00:00Z', priority: 'urgent' }),
      buildStaffTicket({ id: 'soon-normal', due_at: '2026-11-26T10:00:00Z', priority: 'normal' }),
      buildStaffTicket({ id: 'soon-high', due_at: '2026-11-26T10:00:00Z', priority: 'high' }),
      buildStaffTicket({ id: 'overdue', due_at: '2026-11-20T10:00:00Z', priority: 'low' }),
      buildStaffTicket({ id: 'no-due-older', due_at: null, priority: 'urgent', created_at: '2026-11-01T00:00:00Z' }),
    ];
    expect(tickets.sort(byDueThenPriority).map((ticket) => ticket.id)).toEqual([
      'overdue',
      'soon-high',
      'soon-normal',
      'later',
      'no-due-older',
      'no-due',
    ]);
  });

  it('asks GET /tickets/assigned a page at a time', async () => {
    const { requests } = mockApi({
      'GET /api/v1/tickets/assigned': () => jsonResponse({ data: [], next_cursor: null }),
    });
    await getQueue('cursor-2');
    const url = new URL(requests[0]?.url ?? '');
    expect(url.pathname).toBe('/api/v1/tickets/assigned');
    expect(url.searchParams.get('cursor')).toBe('cursor-2');
    expect(url.searchParams.get('limit')).toBe('50');
  });
});
