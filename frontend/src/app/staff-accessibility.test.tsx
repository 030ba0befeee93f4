import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { resetSessionForTests } from '@/lib/session';
import { seriousViolations } from '@/testing/axe';
import { buildCategory, buildStaffTicket, manager, operator, renderApp, signInAs } from '@/testing/staff';
import { jsonResponse, mockApi } from '@/testing/test-utils';

const ticket = buildStaffTicket({
  id: 't1',
  status: 'assigned',
  assigned_operator_id: operator.id,
  assigned_operator_name: operator.full_name,
  due_at: '2020-01-01T00:00:00Z',
});

function api(user: typeof operator) {
  mockApi({
    'GET /api/v1/auth/me': () => jsonResponse(user),
    'GET /api/v1/municipalities/:id/categories': () => jsonResponse({ data: [buildCategory()], next_cursor: null }),
    'GET /api/v1/users': () => jsonResponse({ data: [operator], next_cursor: null }),
    'GET /api/v1/tickets/assigned': () => jsonResponse({ data: [ticket], next_cursor: null }),
    'GET /api/v1/tickets': () => jsonResponse({ data: [{ ...ticket, status: 'received' }], next_cursor: null }),
    'GET /api/v1/tickets/t1/timeline': () => jsonResponse({ view: 'staff', data: [], next_cursor: null }),
    'GET /api/v1/tickets/t1/comments': () => jsonResponse({ view: 'staff', data: [], next_cursor: null }),
    'GET /api/v1/tickets/t1/moderation': () =>
      jsonResponse({ ticket_id: 't1', reference: ticket.reference, hidden: false, description: ticket.description, original_description: ticket.description, entries: [] }),
    'GET /api/v1/tickets/t1': () => jsonResponse(ticket),
  });
}

afterEach(() => {
  resetSessionForTests();
  window.localStorage.clear();
});

describe('accessibility of the staff pages (axe-core: no serious or critical violations)', () => {
  it.each([
    ['operator', '/staff/queue', 'My queue'],
    ['operator', '/staff/tickets/t1', 'POT-2026-0001'],
    ['manager', '/staff/tickets/t1', 'POT-2026-0001'],
    ['manager', '/staff/triage', 'Triage inbox'],
    ['manager', '/staff/tickets', 'Tickets'],
    ['manager', '/staff/overdue', 'Overdue tickets'],
  ] as const)('%s at %s', async (role, path, heading) => {
    const user = role === 'operator' ? operator : manager;
    signInAs(user);
    api(user);
    renderApp(path);
    await screen.findByRole('heading', { level: 1, name: heading });
    await screen.findAllByText('Pothole');
    expect(await seriousViolations()).toEqual([]);
  });
});
