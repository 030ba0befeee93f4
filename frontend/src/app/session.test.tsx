import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';

import { AppProvider } from '@/app/provider';
import { routes } from '@/app/router';
import { apiClient, unwrap } from '@/lib/api-client';
import { currentAccessToken, readRefreshToken, resetSessionForTests, startSession } from '@/lib/session';
import { buildTicket, buildTokenPair, buildUser } from '@/testing/fixtures';
import { errorResponse, jsonResponse, mockApi } from '@/testing/test-utils';

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

describe('the session', () => {
  it('refreshes quietly before sending an access token that is about to expire', async () => {
    // 20 s left: inside the margin, so the token is renewed before the call rather than refused by it.
    startSession(buildTokenPair('dying', 'refresh-1', { expires_in: 20 }));
    const { requests } = mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(buildTokenPair('fresh', 'refresh-2')),
      'GET /api/v1/notifications': () => jsonResponse({ data: [], next_cursor: null, unread_count: 0 }),
    });

    await unwrap(apiClient.GET('/api/v1/notifications'));

    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(['/api/v1/auth/refresh', '/api/v1/notifications']);
    expect(requests[1]?.headers.get('Authorization')).toBe('Bearer fresh');
    expect(currentAccessToken()).toBe('fresh');
    expect(readRefreshToken()).toBe('refresh-2');
  });

  it('sends a signed-in person to /login when their session is refused in the middle of a visit', async () => {
    startSession(buildTokenPair('access-1', 'refresh-1'));
    const ticket = buildTicket({ id: 't1', status: 'resolved', view: 'reporter' });
    let revoked = false;
    mockApi({
      'GET /api/v1/auth/me': () => jsonResponse(buildUser()),
      'GET /api/v1/tickets/t1': () => jsonResponse(ticket),
      'GET /api/v1/tickets/t1/timeline': () => jsonResponse({ view: 'reporter', next_cursor: null, data: [] }),
      'GET /api/v1/notifications': () => jsonResponse({ data: [], next_cursor: null, unread_count: 0 }),
      'POST /api/v1/tickets/t1/follow': () =>
        revoked ? errorResponse(401, 'invalid_token', 'This token has been revoked.') : jsonResponse({ following: true }),
      'POST /api/v1/auth/refresh': () => errorResponse(401, 'invalid_token', 'Please sign in again.'),
    });
    const router = renderAt('/tickets/t1');
    await screen.findByRole('heading', { level: 1, name: 'POT-2026-0001' });

    // Signed out elsewhere (say, "sign out everywhere"): the next call is refused, and so is the refresh.
    revoked = true;
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Follow' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    const params = new URLSearchParams(router.state.location.search);
    expect(params.get('next')).toBe('/tickets/t1');
    expect(params.get('expired')).toBe('1');
    expect(readRefreshToken()).toBeNull();
  });
});
