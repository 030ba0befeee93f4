import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';

import { AppProvider } from '@/app/provider';
import { routes } from '@/app/router';
import { resetSessionForTests, startSession } from '@/lib/session';
import { seriousViolations } from '@/testing/axe';
import { buildTicket, buildTokenPair, buildUser } from '@/testing/fixtures';
import { jsonResponse, mockApi } from '@/testing/test-utils';

const ticket = buildTicket({ id: 't1' });

function renderAt(path: string) {
  render(
    <AppProvider>
      <RouterProvider router={createMemoryRouter(routes, { initialEntries: [path] })} />
    </AppProvider>,
  );
}

function api() {
  mockApi({
    'GET /api/v1/tickets': () => jsonResponse({ data: [ticket], next_cursor: null }),
    'GET /api/v1/tickets/mine': () => jsonResponse({ data: [ticket], next_cursor: null }),
    'GET /api/v1/tickets/t1': () => jsonResponse(ticket),
    'GET /api/v1/tickets/t1/timeline': () =>
      jsonResponse({
        view: 'public',
        next_cursor: null,
        data: [{ sequence: 1, kind: 'created', event_type: 'TicketCreated', at: ticket.created_at, actor_role: 'citizen' }],
      }),
    'GET /api/v1/auth/me': () => jsonResponse(buildUser()),
  });
}

afterEach(() => resetSessionForTests());

describe('accessibility (axe-core: no serious or critical violations)', () => {
  it.each([
    ['/', 'Street problems near you'],
    ['/login', 'Sign in'],
    ['/register', 'Create an account'],
    ['/reset-password', 'Reset your password'],
    ['/tickets/t1', 'POT-2026-0001'],
  ])('%s', async (path, heading) => {
    api();
    renderAt(path);
    await screen.findByRole('heading', { level: 1, name: heading });
    expect(await seriousViolations()).toEqual([]);
  });

  it('/my-reports, signed in', async () => {
    startSession(buildTokenPair('access-1', 'refresh-1'));
    api();
    renderAt('/my-reports');
    await screen.findByRole('link', { name: 'Open POT-2026-0001' });
    expect(await seriousViolations()).toEqual([]);
  });
});
