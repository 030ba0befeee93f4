import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';

import { AppProvider } from '@/app/provider';
import { routes } from '@/app/router';
import { jsonResponse, mockFetch } from '@/testing/test-utils';

function renderAt(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return render(
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>,
  );
}

describe('routes', () => {
  it('renders the landing page at /', async () => {
    mockFetch(() => jsonResponse({ status: 'ok', services: { auth: { status: 'up' } } }));

    renderAt('/');

    expect(screen.getByRole('heading', { level: 1, name: 'CityFix' })).toBeInTheDocument();
    expect(screen.getByText(/potholes or broken streetlights/)).toBeInTheDocument();
    expect(await screen.findByText('All systems operational')).toBeInTheDocument();
  });

  it('renders "page not found" inside the same layout for unknown paths', () => {
    renderAt('/no/such/page');

    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'CityFix' })).toHaveAttribute('href', '/');
  });
});
