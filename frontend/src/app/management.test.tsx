import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { AppProvider } from '@/app/provider';
import { routes } from '@/app/router';
import type { User } from '@/lib/auth';
import { resetSessionForTests, startSession } from '@/lib/session';
import { seriousViolations } from '@/testing/axe';
import { buildTokenPair, buildUser } from '@/testing/fixtures';
import { buildStats } from '@/testing/stats-fixtures';
import { jsonResponse, mockApi } from '@/testing/test-utils';

const manager = buildUser({ id: 'm-1', full_name: 'Mia Manager', role: 'manager', municipality_id: 'potsdam' });
const admin = buildUser({ id: 'a-1', full_name: 'Ada Admin', role: 'admin', municipality_id: null });
const citizen = buildUser({ id: 'c-1', full_name: 'Carl Citizen' });

const potsdam = { id: 'potsdam', name: 'Potsdam', slug: 'potsdam', reference_prefix: 'POT', active: true, default_locale: 'de', timezone: 'Europe/Berlin', bbox: [12.9, 52.3, 13.2, 52.5] };

function signIn(user: User) {
  startSession(buildTokenPair('access-1', 'refresh-1', { user }));
  return mockApi({
    'GET /api/v1/auth/me': () => jsonResponse(user),
    'GET /api/v1/municipalities': () => jsonResponse({ data: [potsdam], next_cursor: null }),
    'GET /api/v1/municipalities/potsdam': () => jsonResponse({ ...potsdam, created_at: '2026-01-01T00:00:00Z', boundary: null }),
    'GET /api/v1/municipalities/potsdam/categories': () => jsonResponse({ data: [], next_cursor: null }),
    'GET /api/v1/users': () => jsonResponse({ data: [], next_cursor: null }),
    'GET /api/v1/stats': () => jsonResponse(buildStats()),
    'GET /api/v1/admin/dead-letters': () => jsonResponse({ data: [], next_cursor: null }),
    'GET /api/v1/admin/notifications/failed': () => jsonResponse({ data: [], next_cursor: null }),
    'GET /api/v1/integrations/api-keys': () => jsonResponse({ data: [], next_cursor: null }),
    'GET /api/v1/webhooks': () => jsonResponse({ data: [], next_cursor: null }),
    'POST /api/v1/integrations/api-keys': async (request) => {
      const body = (await request.json()) as { name: string; municipality_id: string };
      const apiKey = { id: 'key-1', name: body.name, municipality_id: body.municipality_id, prefix: 'sk_live', created_at: '2026-11-01T10:00:00Z', created_by: user.id };
      return jsonResponse({ api_key: apiKey, secret: 'sk_live_secret' }, 201);
    },
  });
}

function renderAt(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return router;
}

beforeEach(() => {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
});
afterEach(() => {
  resetSessionForTests();
  window.localStorage.clear();
});

describe('management pages', () => {
  it("gives a manager their municipality's dashboard and the area's links", async () => {
    const { requests } = signIn(manager);
    renderAt('/staff/dashboard');

    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Management' });
    expect(within(nav).getAllByRole('link').map((link) => link.textContent)).toEqual(['Dashboard', 'Categories', 'Operators', 'Integrations']);
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Manage' })).toHaveAttribute(
      'href',
      '/staff/dashboard',
    );
    await screen.findByText('Tickets reported');
    expect(new URL(requests.find((r) => r.url.includes('/stats'))?.url ?? '').searchParams.get('municipality_id')).toBe('potsdam');
  });

  it('tells a citizen the page is not for them, and asks the API for nothing of it', async () => {
    const { requests } = signIn(citizen);
    renderAt('/staff/settings/categories');

    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.getByText(/This page is for managers or platform admins/)).toBeInTheDocument();
    expect(requests.some((r) => r.url.includes('/categories'))).toBe(false);
  });

  it('keeps managers out of the admin pages', async () => {
    signIn(manager);
    renderAt('/admin/dead-letters');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
  });

  it('sends a signed-out visitor to sign in first', async () => {
    const router = renderAt('/admin/municipalities');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?next=%2Fadmin%2Fmunicipalities');
  });

  it('lets an admin pick the municipality, kept in the address and on the area links', async () => {
    const { requests } = signIn(admin);
    const router = renderAt('/staff/settings/categories');

    expect(await screen.findByText('Choose the municipality to work on.')).toBeInTheDocument();
    await userEvent.setup().selectOptions(await screen.findByRole('combobox', { name: 'Municipality' }), 'Potsdam');

    expect(await screen.findByRole('heading', { level: 1, name: 'Categories' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?municipality=potsdam');
    expect(await screen.findByText(/No categories yet/)).toBeInTheDocument();
    expect(requests.some((r) => new URL(r.url).pathname === '/api/v1/municipalities/potsdam/categories')).toBe(true);
    const nav = screen.getByRole('navigation', { name: 'Management' });
    expect(within(nav).getByRole('link', { name: 'Dashboard' })).toHaveAttribute('href', '/staff/dashboard?municipality=potsdam');
    expect(within(nav).getByRole('link', { name: 'Municipalities' })).toHaveAttribute('href', '/admin/municipalities');
  });
});

describe('integrations page', () => {
  it("asks for the keys and endpoints of the municipality an admin picked, and names it when creating", async () => {
    const { requests } = signIn(admin);
    const router = renderAt('/staff/settings/integrations');
    const user = userEvent.setup();

    await user.selectOptions(await screen.findByRole('combobox', { name: 'Municipality' }), 'Potsdam');
    expect(await screen.findByRole('heading', { level: 1, name: 'Integrations' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?municipality=potsdam');
    expect(await screen.findByText('No API keys yet.')).toBeInTheDocument();
    const listed = (path: string) => requests.find((r) => new URL(r.url).pathname === path && r.method === 'GET');
    expect(new URL(listed('/api/v1/integrations/api-keys')?.url ?? '').searchParams.get('municipality_id')).toBe('potsdam');
    expect(new URL(listed('/api/v1/webhooks')?.url ?? '').searchParams.get('municipality_id')).toBe('potsdam');
    const nav = screen.getByRole('navigation', { name: 'Management' });
    expect(within(nav).getByRole('link', { name: 'Integrations' })).toHaveAttribute('href', '/staff/settings/integrations?municipality=potsdam');

    const form = screen.getByRole('region', { name: 'Create an API key' });
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Work orders');
    await user.click(within(form).getByRole('button', { name: 'Create key' }));
    await within(form).findByText('sk_live_secret');
    expect(await requests.find((r) => r.method === 'POST')?.json()).toEqual({ name: 'Work orders', municipality_id: 'potsdam' });
  });
});

describe('accessibility of the management pages (axe-core: no serious or critical violations)', () => {
  it.each([
    ['/staff/dashboard', manager, 'Dashboard'],
    ['/staff/settings/categories', manager, 'Categories'],
    ['/staff/settings/categories/new', manager, 'New category'],
    ['/staff/settings/operators', manager, 'Operators'],
    ['/staff/settings/integrations', manager, 'Integrations'],
    ['/staff/settings/integrations?municipality=potsdam', admin, 'Integrations'],
    ['/admin/municipalities', admin, 'Municipalities'],
    ['/admin/municipalities/new', admin, 'New municipality'],
    ['/admin/municipalities/potsdam', admin, 'Edit municipality: Potsdam'],
    ['/admin/managers', admin, 'Managers'],
    ['/admin/dead-letters', admin, 'Dead letters'],
    ['/admin/failed-notifications', admin, 'Failed emails'],
  ] as const)('%s', async (path, user, heading) => {
    signIn(user);
    renderAt(path);
    await screen.findByRole('heading', { level: 1, name: heading });
    await screen.findByRole('navigation', { name: 'Management' });
    expect(await seriousViolations()).toEqual([]);
  });
});
