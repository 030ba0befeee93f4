import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';

import { I18nProvider } from '@/lib/i18n';

/** A QueryClient for tests: no retries, no caching between tests. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
}

export function renderWithProviders(
  ui: ReactElement,
  {
    route = '/',
    path,
    queryClient = createTestQueryClient(),
    ...options
  }: RenderOptions & { route?: string; path?: string; queryClient?: QueryClient } = {},
) {
  function Wrapper({ children }: { children: ReactNode }) {
    return (
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <MemoryRouter initialEntries={[route]}>
            {path ? (
              <Routes>
                <Route path={path} element={children} />
                <Route path="*" element={<p>elsewhere</p>} />
              </Routes>
            ) : (
              children
            )}
          </MemoryRouter>
        </I18nProvider>
      </QueryClientProvider>
    );
  }
  return { queryClient, ...render(ui, { wrapper: Wrapper, ...options }) };
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function errorResponse(status: number, code: string, message: string, details: unknown = null) {
  return jsonResponse({ error: { code, message, details } }, status);
}

function toRequest(input: RequestInfo | URL, init?: RequestInit): Request {
  if (input instanceof Request) return input;
  return new Request(new URL(String(input), window.location.origin), init);
}

/** Replace the global fetch (the network boundary) with a mock; undone after each test. */
export function mockFetch(handler: (request: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = toRequest(input, init);
    requests.push(request.clone());
    return handler(request);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, requests };
}

type Handler = (request: Request, url: URL) => Response | Promise<Response>;

/**
 * A fake API keyed by "METHOD /path" (path without the query string, `:name` for a segment).
 * Anything else answers 404 in the API's error shape, so a test sees an unexpected call.
 */
export function mockApi(routes: Record<string, Handler>) {
  const table = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern = ''] = key.split(' ');
    const regex = new RegExp(`^${pattern.replace(/:[a-z_]+/g, '[^/]+')}$`);
    return { method, regex, handler };
  });
  return mockFetch((request) => {
    const url = new URL(request.url);
    const route = table.find((r) => r.method === request.method && r.regex.test(url.pathname));
    if (!route) return errorResponse(404, 'not_found', `No mock for ${request.method} ${url.pathname}`);
    return route.handler(request, url);
  });
}
