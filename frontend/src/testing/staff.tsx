import { configure, render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';

import { AppProvider } from '@/app/provider';
import { routes } from '@/app/router';
import type { components } from '@/lib/api-client';
import { startSession } from '@/lib/session';
import { buildTicket, buildTokenPair, buildUser } from '@/testing/fixtures';

type Schemas = components['schemas'];

// The staff pages are lazy route chunks; on a busy machine the first import can take more than the
// default second, so waiting for a page gets a generous deadline (never a timed assertion).
configure({ asyncUtilTimeout: 5000 });

export const MUNICIPALITY = 'municipality-a';

export const operator = buildUser({
  id: 'operator-1',
  email: 'operator@example.org',
  full_name: 'Olga Operator',
  role: 'operator',
  municipality_id: MUNICIPALITY,
});

export const manager = buildUser({
  id: 'manager-1',
  email: 'manager@example.org',
  full_name: 'Mia Manager',
  role: 'manager',
  municipality_id: MUNICIPALITY,
});

export const admin = buildUser({ id: 'admin-1', full_name: 'Ada Admin', role: 'admin' });

/** A ticket as its municipality's staff see it. */
export function buildStaffTicket(overrides: Partial<Schemas['TicketView']> = {}): Schemas['TicketView'] {
  return buildTicket({
    view: 'staff',
    municipality_id: MUNICIPALITY,
    reporter_id: 'citizen-1',
    assigned_operator_id: null,
    assigned_operator_name: null,
    due_at: null,
    ...overrides,
  });
}

export function buildCategory(overrides: Partial<Schemas['CategoryView']> = {}): Schemas['CategoryView'] {
  return {
    id: 'category-1',
    municipality_id: MUNICIPALITY,
    code: 'pothole',
    name: 'Pothole',
    description: 'Holes in the road',
    active: true,
    sla_hours: 72,
    questions: [],
    default_priority: 'normal',
    duplicate_radius_m: 50,
    group: '',
    keywords: [],
    created_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

/** Sign in as `user` (the session and GET /auth/me must agree; the caller's mockApi answers /auth/me). */
export function signInAs(user: Schemas['UserView']) {
  startSession(buildTokenPair('access-1', 'refresh-1', { user }));
}

/** The whole app at `path`, as the browser would load it. */
export function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return router;
}

export async function bodyOf(request: Request): Promise<unknown> {
  return JSON.parse(await request.clone().text()) as unknown;
}
