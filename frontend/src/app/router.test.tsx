import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';

import { AppProvider } from '@/app/provider';
import { routes } from '@/app/router';
import { resetSessionForTests } from '@/lib/session';
import { buildTicket, buildTokenPair, buildUser } from '@/testing/fixtures';
import { jsonResponse, mockApi } from '@/testing/test-utils';

function renderAt(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return router;
}

afterEach(() => {
  resetSessionForTests();
  window.localStorage.clear();
});

describe('routes', () => {
  it('shows the public map at / without signing in', async () => {
    mockApi({ 'GET /api/v1/tickets': () => jsonResponse({ data: [buildTicket()], next_cursor: null }) });

    renderAt('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Street problems near you' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Open POT-2026-0001' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('renders "page not found" inside the same layout for unknown paths', async () => {
    renderAt('/no/such/page');

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'CityFix' })).toHaveAttribute('href', '/');
  });

  it('sends a visitor of /my-reports to /login and back after signing in', async () => {
    mockApi({
      'POST /api/v1/auth/login': () => jsonResponse(buildTokenPair('access-1', 'refresh-1')),
      'GET /api/v1/tickets/mine': () => jsonResponse({ data: [buildTicket({ view: 'reporter' })], next_cursor: null }),
    });
    const router = renderAt('/my-reports');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?next=%2Fmy-reports');

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email'), 'ada@example.org');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'My reports' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Open POT-2026-0001' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('keeps a session across a reload with the stored refresh token', async () => {
    window.localStorage.setItem('cityfix.refresh_token', 'refresh-1');
    mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(buildTokenPair('access-2', 'refresh-2')),
      'GET /api/v1/auth/me': () => jsonResponse(buildUser({ full_name: 'Ada Citizen' })),
      'GET /api/v1/tickets/mine': () => jsonResponse({ data: [], next_cursor: null }),
    });

    renderAt('/my-reports');

    expect(await screen.findByRole('heading', { level: 1, name: 'My reports' })).toBeInTheDocument();
    expect(await screen.findByText(/You have not reported anything yet/)).toBeInTheDocument();
  });

  it('sends the person to /login when the session cannot be refreshed', async () => {
    window.localStorage.setItem('cityfix.refresh_token', 'revoked');
    mockApi({
      'POST /api/v1/auth/refresh': () =>
        jsonResponse({ error: { code: 'unauthenticated', message: 'Please sign in again.', details: null } }, 401),
      'GET /api/v1/auth/me': () =>
        jsonResponse({ error: { code: 'unauthenticated', message: 'Please sign in.', details: null } }, 401),
    });

    const router = renderAt('/my-reports');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    const params = new URLSearchParams(router.state.location.search);
    expect(params.get('next')).toBe('/my-reports');
    expect(params.get('expired')).toBe('1');
    expect(screen.getByText('Your session has ended. Please sign in again.')).toBeInTheDocument();
  });

  it('switches the language to German', async () => {
    renderAt('/no/such/page');
    await screen.findByRole('heading', { level: 1, name: 'Page not found' });

    await userEvent.setup().selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'de');

    expect(screen.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('de');
    expect(window.localStorage.getItem('cityfix.language')).toBe('de');
  });
});
