import { describe, expect, it } from 'vitest';

import { api, ApiError } from '@/lib/api-client';
import { jsonResponse, mockFetch } from '@/testing/test-utils';

describe('api client', () => {
  it('turns an error response into an ApiError with code, message and details', async () => {
    const fetchMock = mockFetch(() =>
      jsonResponse(
        {
          error: {
            code: 'ticket_not_found',
            message: 'No ticket with id 42.',
            details: { id: 42 },
          },
        },
        404,
      ),
    );

    const error = await api.get('/tickets/42').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 404,
      code: 'ticket_not_found',
      message: 'No ticket with id 42.',
      details: { id: 42 },
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/tickets/42');
  });

  it('falls back to the HTTP status when the body has no error shape', async () => {
    mockFetch(() => new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }));

    await expect(api.get('/health')).rejects.toMatchObject({
      status: 502,
      code: 'http_error',
      message: 'Bad Gateway',
    });
  });

  it('reports an unreachable server as a network_error', async () => {
    mockFetch(() => Promise.reject(new TypeError('Failed to fetch')));

    await expect(api.get('/health')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('sends JSON bodies and returns parsed JSON', async () => {
    const fetchMock = mockFetch(() => jsonResponse({ id: 'abc' }, 201));

    await expect(api.post('/tickets', { title: 'Pothole' })).resolves.toEqual({ id: 'abc' });

    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe(JSON.stringify({ title: 'Pothole' }));
  });
});
