import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TicketMapPage } from '@/features/map/components/ticket-map-page';
import { seriousViolations } from '@/testing/axe';
import { buildTicket } from '@/testing/fixtures';
import { errorResponse, jsonResponse, mockApi, renderWithProviders } from '@/testing/test-utils';

const open = buildTicket({ id: 't1', reference: 'POT-1', status: 'received' });
const working = buildTicket({
  id: 't2',
  reference: 'POT-2',
  status: 'in_progress',
  location: { lat: 52.4, lon: 13.1 },
});
const fixed = buildTicket({ id: 't3', reference: 'POT-3', status: 'resolved' });

function ticketsApi() {
  return mockApi({
    'GET /api/v1/tickets': (_request, url) => {
      const statuses = url.searchParams.getAll('status');
      const data = statuses.includes('closed') ? [fixed] : statuses.includes('open') ? [open, working] : [open, working, fixed];
      return jsonResponse({ data, next_cursor: null });
    },
  });
}

// jsdom lays nothing out; give the map a phone-sized box so Leaflet has a real viewport.
const sizes = ['clientWidth', 'clientHeight'] as const;
beforeAll(() => {
  for (const [name, value] of [
    [sizes[0], 400],
    [sizes[1], 700],
  ] as const) {
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
  }
});
afterAll(() => {
  for (const name of sizes) Reflect.deleteProperty(HTMLElement.prototype, name);
});

describe('TicketMapPage', () => {
  it('loads the open tickets of the viewport into the list and onto the map', async () => {
    const { requests } = ticketsApi();

    const { container } = renderWithProviders(<TicketMapPage />);

    const list = await screen.findByRole('region', { name: 'Problems in this area' });
    expect(await within(list).findByRole('link', { name: 'Open POT-1' })).toHaveAttribute('href', '/tickets/t1');
    expect(within(list).getByRole('link', { name: 'Open POT-2' })).toBeInTheDocument();
    expect(screen.getByText('2 in this area')).toBeInTheDocument();

    const query = new URL(requests[0]?.url ?? '').searchParams;
    const [west, south, east, north] = (query.get('bbox') ?? '').split(',').map(Number);
    expect(west).toBeLessThan(east ?? NaN);
    expect(south).toBeLessThan(north ?? NaN);
    expect(query.getAll('status')).toEqual(['open']);

    expect(screen.getByRole('region', { name: 'Map of reported problems' })).toBeInTheDocument();
    // Markers carry their status in the colour and in words.
    await waitFor(() => expect(container.querySelectorAll('.ticket-pin')).toHaveLength(2));
    expect(container.querySelector('.ticket-pin[title="POT-2: In progress"] span')).toHaveStyle({
      background: '#1d4ed8',
    });
  });

  it('draws nearby tickets as one cluster in the colour of the most pressing status', async () => {
    const close = (id: string, status: 'in_progress' | 'triaged') =>
      buildTicket({ id, reference: id, status, location: { lat: 52.3906, lon: 13.0646 } });
    mockApi({
      'GET /api/v1/tickets': () =>
        jsonResponse({ data: [close('a', 'in_progress'), close('b', 'triaged')], next_cursor: null }),
    });

    const { container } = renderWithProviders(<TicketMapPage />);

    await waitFor(() => expect(container.querySelector('.ticket-cluster span')).toHaveTextContent('2'));
    expect(container.querySelector('.ticket-cluster span')).toHaveStyle({ background: '#c2410c' });
    expect(container.querySelectorAll('.ticket-pin')).toHaveLength(0);
    expect(await seriousViolations()).toEqual([]);
  });

  it('reloads when the status filter changes', async () => {
    ticketsApi();
    renderWithProviders(<TicketMapPage />);
    await screen.findByRole('link', { name: 'Open POT-1' });

    await userEvent.setup().selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'closed');

    expect(await screen.findByRole('link', { name: 'Open POT-3' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Open POT-1' })).not.toBeInTheDocument();
  });

  it('switches between map and list on phones, the map first', async () => {
    ticketsApi();
    renderWithProviders(<TicketMapPage />);
    const user = userEvent.setup();
    const toggle = screen.getByRole('group', { name: 'View' });
    const mapButton = within(toggle).getByRole('button', { name: 'Map' });
    const listButton = within(toggle).getByRole('button', { name: 'List' });
    const list = screen.getByRole('region', { name: 'Problems in this area' });

    expect(mapButton).toHaveAttribute('aria-pressed', 'true');
    expect(list).toHaveClass('hidden');

    await user.click(listButton);

    expect(listButton).toHaveAttribute('aria-pressed', 'true');
    expect(list).not.toHaveClass('hidden');
    expect(screen.getByRole('region', { name: 'Map of reported problems' }).parentElement).toHaveClass('hidden');
  });

  it('says when the area has no problems', async () => {
    mockApi({ 'GET /api/v1/tickets': () => jsonResponse({ data: [], next_cursor: null }) });
    renderWithProviders(<TicketMapPage />);
    expect(await screen.findByText('No problems reported in this area.')).toBeInTheDocument();
  });

  it('shows the message of a failed load with a retry', async () => {
    mockApi({
      'GET /api/v1/tickets': () =>
        errorResponse(503, 'service_unavailable', 'A part of CityFix is not answering right now.'),
    });
    renderWithProviders(<TicketMapPage />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('A part of CityFix is not answering right now.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
