import { afterEach, describe, expect, it } from 'vitest';

import { apiClient, ApiError, unwrap } from '@/lib/api-client';
import { currentAccessToken, readRefreshToken, resetSessionForTests, startSession } from '@/lib/session';
import { buildTokenPair, buildUser } from '@/testing/fixtures';
import { errorResponse, jsonResponse, mockApi, mockFetch } from '@/testing/test-utils';

const user = buildUser();

function pair(access: string, refresh: string) {
  return buildTokenPair(access, refresh);
}

afterEach(() => resetSessionForTests());

describe('api client', () => {
  it('turns an error response into an ApiError with code, message and details', async () => {
    mockFetch(() => errorResponse(404, 'not_found', 'No ticket with this id.', { ticket_id: '42' }));

    const error = await unwrap(
      apiClient.GET('/api/v1/tickets/{ticket_id}', { params: { path: { ticket_id: '42' } } }),
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'No ticket with this id.',
      details: { ticket_id: '42' },
    });
  });

  it('exposes the fields of a validation error', async () => {
    mockFetch(() =>
      errorResponse(422, 'validation_failed', 'Some fields are missing or not valid; see details.', {
        fields: [{ field: 'password', problem: 'String should have at least 8 characters' }],
      }),
    );

    const error = await unwrap(
      apiClient.POST('/api/v1/auth/login', { body: { email: 'a@example.org', password: 'x' } }),
    ).catch((e: unknown) => e);

    expect((error as ApiError).fieldProblems).toEqual([
      { field: 'password', problem: 'String should have at least 8 characters' },
    ]);
  });

  it('falls back to the HTTP status when the body has no error shape', async () => {
    mockFetch(() => new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }));

    await expect(unwrap(apiClient.GET('/api/v1/auth/me'))).rejects.toMatchObject({
      status: 502,
      code: 'http_error',
      message: 'Bad Gateway',
    });
  });

  it('reports an unreachable server as a network_error', async () => {
    mockFetch(() => Promise.reject(new TypeError('Failed to fetch')));

    await expect(unwrap(apiClient.GET('/api/v1/auth/me'))).rejects.toMatchObject({
      status: 0,
      code: 'network_error',
    });
  });

  it('sends the access token of the session', async () => {
    startSession(pair('access-1', 'refresh-1'));
    const { requests } = mockApi({ 'GET /api/v1/auth/me': () => jsonResponse(user) });

    await unwrap(apiClient.GET('/api/v1/auth/me'));

    expect(requests[0]?.headers.get('Authorization')).toBe('Bearer access-1');
  });

  it('refreshes first when only a refresh token is left (a reload), then sends the new token', async () => {
    window.localStorage.setItem('cityfix.refresh_token', 'refresh-1');
    const { requests } = mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(pair('access-2', 'refresh-2')),
      'GET /api/v1/auth/me': () => jsonResponse(user),
    });

    await unwrap(apiClient.GET('/api/v1/auth/me'));

    expect(await requests[0]?.json()).toEqual({ refresh_token: 'refresh-1' });
    expect(requests[1]?.headers.get('Authorization')).toBe('Bearer access-2');
    expect(readRefreshToken()).toBe('refresh-2');
  });

  it('refreshes once on a 401 and retries the request', async () => {
    startSession(pair('stale', 'refresh-1'));
    let meCalls = 0;
    const { requests } = mockApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(pair('fresh', 'refresh-2')),
      'POST /api/v1/tickets/:id/comments': () => {
        meCalls += 1;
        return meCalls === 1
          ? errorResponse(401, 'unauthenticated', 'Please sign in to do this.')
          : jsonResponse({ id: 'c1' }, 201);
      },
    });

    await unwrap(
      apiClient.POST('/api/v1/tickets/{ticket_id}/comments', {
        params: { path: { ticket_id: 't1' } },
        body: { body: 'Still there', visibility: 'public' },
      }),
    );

    const retried = requests[2];
    expect(retried?.headers.get('Authorization')).toBe('Bearer fresh');
    expect(await retried?.json()).toEqual({ body: 'Still there', visibility: 'public' });
  });

  it('shares one refresh between concurrent requests (a refresh token works once)', async () => {
    window.localStorage.setItem('cityfix.refresh_token', 'refresh-1');
    let refreshes = 0;
    mockApi({
      'POST /api/v1/auth/refresh': () => {
        refreshes += 1;
        return jsonResponse(pair(`access-${refreshes}`, `refresh-${refreshes + 1}`));
      },
      'GET /api/v1/auth/me': () => jsonResponse(user),
    });

    await Promise.all([unwrap(apiClient.GET('/api/v1/auth/me')), unwrap(apiClient.GET('/api/v1/auth/me'))]);

    expect(refreshes).toBe(1);
  });

  it('ends the session when the refresh token is refused, and the request goes on without one', async () => {
    window.localStorage.setItem('cityfix.refresh_token', 'revoked');
    const { requests } = mockApi({
      'POST /api/v1/auth/refresh': () => errorResponse(401, 'unauthenticated', 'Please sign in again.'),
      'GET /api/v1/tickets': () => jsonResponse({ data: [], next_cursor: null }),
    });

    await unwrap(apiClient.GET('/api/v1/tickets'));

    expect(readRefreshToken()).toBeNull();
    expect(currentAccessToken()).toBeNull();
    expect(requests[1]?.headers.get('Authorization')).toBeNull();
  });

  it('keeps the session when the server cannot be reached for a refresh', async () => {
    window.localStorage.setItem('cityfix.refresh_token', 'refresh-1');
    mockApi({
      'POST /api/v1/auth/refresh': () => errorResponse(503, 'service_unavailable', 'Try again shortly.'),
      'GET /api/v1/tickets': () => jsonResponse({ data: [], next_cursor: null }),
    });

    await unwrap(apiClient.GET('/api/v1/tickets'));

    expect(readRefreshToken()).toBe('refresh-1');
  });
});

describe('session across tabs', () => {
  it('follows a sign-out in another tab', async () => {
    const { hasSession, subscribeToSession } = await import('@/lib/session');
    startSession(buildTokenPair('access-1', 'refresh-1'));
    const events: string[] = [];
    const unsubscribe = subscribeToSession((event) => events.push(event));

    window.localStorage.removeItem('cityfix.refresh_token');
    window.dispatchEvent(
      new StorageEvent('storage', { key: 'cityfix.refresh_token', oldValue: 'refresh-1', newValue: null }),
    );
    unsubscribe();

    expect(hasSession()).toBe(false);
    expect(currentAccessToken()).toBeNull();
    expect(events).toEqual(['changed']);
  });
});
