import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ReportForm } from '@/features/report/components/report-form';
import { seriousViolations } from '@/testing/axe';
import { buildTicket } from '@/testing/fixtures';
import { errorResponse, jsonResponse, mockApi, renderWithProviders } from '@/testing/test-utils';

const pothole = {
  id: 'cat-pothole',
  code: 'pothole',
  name: 'Pothole',
  group: 'Roads and paths',
  description: 'A hole or sunken patch in a road.',
  active: true,
  municipality_id: 'potsdam',
  created_at: '2026-11-01T00:00:00Z',
  default_priority: 'normal',
  duplicate_radius_m: 50,
  keywords: [],
  sla_hours: 72,
  questions: [
    {
      code: 'hazardous',
      datatype: 'singlevaluelist',
      description: 'Could it be dangerous?',
      order: 1,
      required: true,
      values: [
        { key: 'yes', name: 'Yes' },
        { key: 'no', name: 'No' },
      ],
    },
    { code: 'depth', datatype: 'number', description: 'How deep (cm)?', order: 2, required: false, values: [] },
  ],
};

const existing = { ...buildTicket({ id: 'near-1', reference: 'POT-7' }), distance_m: 12.4 };

function api(overrides: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/v1/geo/locate': () => jsonResponse({ municipality_id: 'potsdam', name: 'Potsdam', slug: 'potsdam' }),
    'GET /api/v1/municipalities/potsdam/categories': () => jsonResponse({ data: [pothole], next_cursor: null }),
    'GET /api/v1/tickets/nearby': () => jsonResponse({ data: [existing], next_cursor: null }),
    'POST /api/v1/tickets': () => jsonResponse(buildTicket({ id: 'new-1', reference: 'POT-8', view: 'reporter' }), 201),
    'POST /api/v1/tickets/near-1/support': () => jsonResponse({ ...existing, support_count: 1 }),
    ...overrides,
  });
}

beforeEach(() => {
  Object.defineProperty(navigator, 'geolocation', {
    configurable: true,
    value: {
      getCurrentPosition: (found: PositionCallback) =>
        found({ coords: { latitude: 52.39061, longitude: 13.06452 } } as GeolocationPosition),
    },
  });
});
afterEach(() => {
  Reflect.deleteProperty(navigator, 'geolocation');
});

async function chooseSpotAndCategory() {
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Use my position' }));
  expect(await screen.findByText('Handled by Potsdam')).toBeInTheDocument();
  await user.selectOptions(await screen.findByLabelText('Category'), 'Pothole');
  return user;
}

describe('ReportForm', () => {
  it('reports at the device position with the category and its answers', async () => {
    const { requests } = api();
    renderWithProviders(<ReportForm />);

    const user = await chooseSpotAndCategory();
    await user.click(screen.getByRole('radio', { name: 'Yes' }));
    await user.type(screen.getByLabelText('How deep (cm)?'), '15');
    await user.type(screen.getByRole('textbox', { name: '4. Describe the problem' }), 'Deep hole by the tram stop');
    await user.click(screen.getByRole('button', { name: 'Send report' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Your report POT-8 has been received.');
    expect(screen.getByRole('link', { name: 'View the report' })).toHaveAttribute('href', '/tickets/new-1');

    const locate = new URL(requests.find((r) => r.url.includes('/geo/locate'))?.url ?? '');
    expect(locate.searchParams.get('lat')).toBe('52.39061');
    const post = requests.find((r) => r.method === 'POST');
    expect(await post?.json()).toEqual({
      location: { lat: 52.39061, lon: 13.06452 },
      category_id: 'cat-pothole',
      description: 'Deep hole by the tram stop',
      answers: { hazardous: 'yes', depth: 15 },
      photo_ids: [],
    });
  });

  it('offers nearby open tickets of the category, and "me too" instead of a duplicate', async () => {
    const { requests } = api();
    renderWithProviders(<ReportForm />);

    const user = await chooseSpotAndCategory();
    const nearby = await screen.findByRole('region', { name: 'Is it one of these?' });
    expect(within(nearby).getByText('12 m away')).toBeInTheDocument();
    const nearbyQuery = new URL(requests.find((r) => r.url.includes('/tickets/nearby'))?.url ?? '').searchParams;
    expect(nearbyQuery.get('category_id')).toBe('cat-pothole');

    await user.click(within(nearby).getByRole('button', { name: 'Me too: POT-7' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Your "me too" was added to POT-7.');
    expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/tickets'))).toBe(false);
  });

  it('finds the place by its address, and reports there', async () => {
    const { requests } = api({
      'GET /api/v1/geo/geocode': (_request, url) =>
        jsonResponse({
          data:
            url.searchParams.get('q') === 'Nowhere Lane 0'
              ? []
              : [
                  { address: 'Brandenburger Straße 1, 14467 Potsdam', lat: 52.39988, lon: 13.05812 },
                  { address: 'Brandenburger Straße 1, 14770 Brandenburg an der Havel', lat: 52.41, lon: 12.55 },
                ],
          next_cursor: null,
        }),
    });
    renderWithProviders(<ReportForm />);
    const user = userEvent.setup();
    const search = screen.getByRole('searchbox', { name: 'Search for an address' });

    await user.type(search, 'Nowhere Lane 0{Enter}');
    expect(await screen.findByText(/No place found for “Nowhere Lane 0”/)).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST')).toBe(false); // Enter searched; it sent no report

    await user.clear(search);
    await user.type(search, 'Brandenburger Straße 1');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    const places = await screen.findByRole('list', { name: 'Places found' });
    await user.click(within(places).getByRole('button', { name: 'Use Brandenburger Straße 1, 14467 Potsdam' }));

    expect(await screen.findByText('Handled by Potsdam')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Places found' })).not.toBeInTheDocument();
    const geocode = new URL(requests.filter((r) => r.url.includes('/geo/geocode')).at(-1)?.url ?? '');
    expect(geocode.searchParams.get('q')).toBe('Brandenburger Straße 1');
    const locate = new URL(requests.find((r) => r.url.includes('/geo/locate'))?.url ?? '');
    expect([locate.searchParams.get('lat'), locate.searchParams.get('lon')]).toEqual(['52.39988', '13.05812']);
  });

  it('shows the API message when the address search fails', async () => {
    api({
      'GET /api/v1/geo/geocode': () =>
        errorResponse(503, 'geocoder_unavailable', 'Address search is unavailable right now; choose the place on the map.'),
    });
    renderWithProviders(<ReportForm />);
    const user = userEvent.setup();

    await user.type(screen.getByRole('searchbox', { name: 'Search for an address' }), 'Am Kanal 5{Enter}');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Address search is unavailable right now; choose the place on the map.',
    );
  });

  it('says when no municipality covers the spot', async () => {
    api({
      'GET /api/v1/geo/locate': () =>
        errorResponse(404, 'not_covered', 'No municipality on CityFix covers this place.'),
    });
    renderWithProviders(<ReportForm />);

    await userEvent.setup().click(screen.getByRole('button', { name: 'Use my position' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('No municipality on CityFix covers this place.');
    expect(screen.queryByLabelText('Category')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send report' })).toBeDisabled();
  });

  it('shows why the API refused the report, and has no serious accessibility problems', async () => {
    api({
      'POST /api/v1/tickets': () =>
        errorResponse(422, 'answer_required', 'Please answer “Could it be dangerous?” (hazardous): this category needs it.', {
          question: 'hazardous',
        }),
    });
    renderWithProviders(<ReportForm />);

    const user = await chooseSpotAndCategory();
    await user.type(screen.getByRole('textbox', { name: '4. Describe the problem' }), 'Hole');
    // The browser would insist on the required radio; the server's answer is what the person sees here.
    screen.getByRole('button', { name: 'Send report' }).closest('form')?.setAttribute('novalidate', '');
    await user.click(screen.getByRole('button', { name: 'Send report' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Please answer “Could it be dangerous?”');
    expect(await seriousViolations()).toEqual([]);
  });
});
