import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { StatusPanel } from '@/features/status/components/status-panel';
import { jsonResponse, mockFetch, renderWithProviders } from '@/testing/test-utils';

describe('StatusPanel', () => {
  it('lists each service from GET /api/v1/health with up/down', async () => {
    const { requests } = mockFetch(() =>
      jsonResponse({
        status: 'degraded',
        services: {
          auth: { status: 'up' },
          tickets: { status: 'up' },
          geo: { status: 'down' },
        },
      }),
    );

    renderWithProviders(<StatusPanel />);

    const list = await screen.findByRole('list', { name: 'Services' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual(['authUp', 'geoDown', 'ticketsUp']);
    expect(screen.getByText('Degraded')).toBeInTheDocument();
    expect(new URL(requests[0]?.url ?? '').pathname).toBe('/api/v1/health');
  });

  it('shows the degraded report when the server answers 503', async () => {
    mockFetch(() =>
      jsonResponse({ status: 'degraded', services: { media: { status: 'down' } } }, 503),
    );

    renderWithProviders(<StatusPanel />);

    const list = await screen.findByRole('list', { name: 'Services' });
    expect(within(list).getByText('media')).toBeInTheDocument();
    expect(within(list).getByText('Down')).toBeInTheDocument();
  });

  it('shows an error with the API message when the status cannot be loaded', async () => {
    mockFetch(() =>
      jsonResponse({ error: { code: 'internal', message: 'Gateway exploded', details: null } }, 500),
    );

    renderWithProviders(<StatusPanel />);

    expect(await screen.findByRole('alert')).toHaveTextContent('Gateway exploded');
  });
});
