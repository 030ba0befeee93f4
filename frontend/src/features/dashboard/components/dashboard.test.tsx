import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { Dashboard } from '@/features/dashboard/components/dashboard';
import { attachmentName, startOfDay } from '@/features/dashboard/api/export-tickets';
import { resetSessionForTests, startSession } from '@/lib/session';
import { seriousViolations } from '@/testing/axe';
import { buildTokenPair } from '@/testing/fixtures';
import { buildStats } from '@/testing/stats-fixtures';
import { errorResponse, jsonResponse, mockApi, renderWithProviders } from '@/testing/test-utils';

const today = new Date(2026, 10, 14, 12, 0);

beforeEach(() => {
  // recharts' ResponsiveContainer watches its size; jsdom has no ResizeObserver.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
});
afterEach(() => resetSessionForTests());

function api(overrides: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/v1/stats': () => jsonResponse(buildStats()),
    'GET /api/v1/tickets/export.csv': () =>
      new Response('\uFEFFreference,id\nPOT-1,t1\n', {
        status: 200,
        headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="potsdam-2026-11-14.csv"' },
      }),
    ...overrides,
  });
}

describe('Dashboard', () => {
  it('asks for the last 30 days by week and shows the figures, with tables beside the charts', async () => {
    const { requests } = api();
    renderWithProviders(<Dashboard municipalityId="potsdam" today={today} />);

    const figures = await screen.findByText('Tickets reported');
    const tiles = figures.closest('dl') as HTMLElement;
    expect(within(tiles).getByText('Tickets reported').nextElementSibling).toHaveTextContent('7');
    expect(within(tiles).getByText('Median time to resolve').nextElementSibling).toHaveTextContent('30.3 h');
    expect(within(tiles).getByText('SLA compliance').nextElementSibling).toHaveTextContent('75 %');
    expect(within(tiles).getByText('3 met, 1 breached, 2 still due')).toBeInTheDocument();

    const query = new URL(requests[0]?.url ?? '').searchParams;
    expect(Object.fromEntries(query)).toEqual({
      municipality_id: 'potsdam',
      created_from: '2026-10-16',
      created_to: '2026-11-14',
      bucket: 'week',
    });

    const overTime = screen.getByRole('table', { name: 'Tickets by status over time' });
    const firstWeek = within(overTime).getByRole('rowheader', { name: '2 Nov 2026' }).closest('tr') as HTMLElement;
    expect(within(firstWeek).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['4', '1', '2', '0', '2']);
    expect(within(overTime).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Period from',
      'Reported',
      'First resolved',
      'Received',
      'In progress',
      'Resolved',
    ]);
    const byCategory = screen.getByRole('table', { name: 'Tickets by category over time' });
    expect(within(byCategory).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Period from', 'Pothole', 'Street light']);
    expect(await screen.findByRole('img', { name: /Bar chart of tickets reported per period/ })).toBeInTheDocument();
    expect(await seriousViolations()).toEqual([]);
  });

  it('asks again when the period or the step changes', async () => {
    const { requests } = api();
    renderWithProviders(<Dashboard municipalityId="potsdam" today={today} />);
    await screen.findByText('Tickets reported');
    const user = userEvent.setup();

    await user.selectOptions(screen.getByLabelText('Step'), 'day');
    // A date input takes a whole date at once, as a browser's date picker gives it.
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-01' } });

    await vi.waitFor(() => {
      const last = new URL(requests.at(-1)?.url ?? '').searchParams;
      expect(last.get('bucket')).toBe('day');
      expect(last.get('created_from')).toBe('2026-11-01');
    });
  });

  it("shows the API's message when the period is refused", async () => {
    api({
      'GET /api/v1/stats': () =>
        errorResponse(422, 'period_too_long', 'A period can span at most 366 days; choose a shorter one.'),
    });
    renderWithProviders(<Dashboard municipalityId="potsdam" today={today} />);

    expect(await screen.findByRole('alert')).toHaveTextContent('A period can span at most 366 days; choose a shorter one.');
  });

  it('says so when nothing was reported, without charts', async () => {
    api({
      'GET /api/v1/stats': () =>
        jsonResponse(buildStats({ total: 0, resolved: 0, by_status: {}, by_category: [], over_time: [], median_hours_to_resolve: null, sla: { with_due_date: 0, met: 0, breached: 0, pending: 0, compliance: null } })),
    });
    renderWithProviders(<Dashboard municipalityId="potsdam" today={today} />);

    expect(await screen.findByText('No tickets were reported in this period.')).toBeInTheDocument();
    expect(screen.getByText('Nothing resolved yet')).toBeInTheDocument();
    expect(screen.getByText('Nothing decided yet')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('downloads the CSV of the period with the session token, under the name the server gives', async () => {
    startSession(buildTokenPair('access-1', 'refresh-1'));
    const { requests } = api();
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:export-1');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    renderWithProviders(<Dashboard municipalityId="potsdam" today={today} />);
    await screen.findByText('Tickets reported');

    await userEvent.setup().click(screen.getByRole('button', { name: 'Download CSV' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Saved potsdam-2026-11-14.csv.');
    const request = requests.find((r) => r.url.includes('export.csv'));
    expect(request?.headers.get('Authorization')).toBe('Bearer access-1');
    const query = new URL(request?.url ?? '').searchParams;
    expect(query.get('municipality_id')).toBe('potsdam');
    expect(query.get('created_from')).toBe(new Date(2026, 9, 16).toISOString());
    expect(query.get('created_to')).toBe(new Date(2026, 10, 15).toISOString());
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe('potsdam-2026-11-14.csv');
    expect(clicked[0]?.href).toBe('blob:export-1');
    expect(await createObjectURL.mock.calls[0]?.[0].text()).toContain('POT-1,t1');
  });

  it("shows the API's refusal of an export", async () => {
    api({
      'GET /api/v1/tickets/export.csv': () => errorResponse(403, 'forbidden', 'Only managers and admins can export tickets.'),
    });
    renderWithProviders(<Dashboard municipalityId="potsdam" today={today} />);
    await screen.findByText('Tickets reported');

    await userEvent.setup().click(screen.getByRole('button', { name: 'Download CSV' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Only managers and admins can export tickets.');
  });
});

describe('export helpers', () => {
  it('reads the file name from Content-Disposition, plain or encoded', () => {
    expect(attachmentName('attachment; filename="a b.csv"', 'x.csv')).toBe('a b.csv');
    expect(attachmentName("attachment; filename*=UTF-8''Gro%C3%9F-Kreutz.csv", 'x.csv')).toBe('Groß-Kreutz.csv');
    expect(attachmentName(null, 'x.csv')).toBe('x.csv');
  });

  it('turns a day into local midnight, optionally days later', () => {
    expect(startOfDay('2026-11-14')).toBe(new Date(2026, 10, 14).toISOString());
    expect(startOfDay('2026-12-31', 1)).toBe(new Date(2027, 0, 1).toISOString());
  });
});
