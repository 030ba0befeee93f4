import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { Municipality } from '@/features/municipalities/api/get-municipality';
import { MunicipalityForm } from '@/features/municipalities/components/municipality-form';
import { MunicipalityList } from '@/features/municipalities/components/municipality-list';
import { seriousViolations } from '@/testing/axe';
import { errorResponse, jsonResponse, mockApi, renderWithProviders } from '@/testing/test-utils';

const ring = [
  [12.9, 52.35],
  [13.0, 52.35],
  [13.0, 52.42],
  [12.9, 52.42],
  [12.9, 52.35],
];
const square = { type: 'Polygon', coordinates: [ring] };

const werder: Municipality = {
  id: 'werder',
  name: 'Werder (Havel)',
  slug: 'werder-havel',
  reference_prefix: 'WER',
  created_at: '2026-11-01T00:00:00Z',
  active: true,
  contact_email: 'service@werder.example',
  default_locale: 'de',
  timezone: 'Europe/Berlin',
  boundary: square,
};

function geojsonFile(content: unknown, name = 'werder.geojson') {
  return new File([typeof content === 'string' ? content : JSON.stringify(content)], name, { type: 'application/geo+json' });
}

// Leaflet needs a box to draw in; jsdom lays nothing out.
const sizes = ['clientWidth', 'clientHeight'] as const;
beforeAll(() => {
  for (const name of sizes) Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => 400 });
});
afterAll(() => {
  for (const name of sizes) Reflect.deleteProperty(HTMLElement.prototype, name);
});

function api(overrides: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'POST /api/v1/municipalities': async (request) =>
      jsonResponse({ ...werder, ...((await request.json()) as object), id: 'new-1' }, 201),
    'PATCH /api/v1/municipalities/werder': async (request) => jsonResponse({ ...werder, ...((await request.json()) as object) }),
    ...overrides,
  });
}

async function fillNew(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Name'), 'Werder (Havel)');
  await user.type(screen.getByLabelText('Slug'), 'werder-havel');
  await user.type(screen.getByLabelText('Reference prefix'), 'wer');
}

describe('MunicipalityForm', () => {
  it('creates a municipality with the boundary from a FeatureCollection of one, previewed on the map', async () => {
    const { requests } = api();
    const onCreated = vi.fn();
    renderWithProviders(<MunicipalityForm onCreated={onCreated} />);
    const user = userEvent.setup();
    await fillNew(user);

    await user.upload(
      screen.getByLabelText('GeoJSON file'),
      geojsonFile({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: square }] }),
    );

    expect(await screen.findByText('New boundary from werder.geojson (saved when you save)')).toBeInTheDocument();
    expect(screen.getByText('1 polygon(s), 5 points, from 12.9000, 52.3500 to 13.0000, 52.4200.')).toBeInTheDocument();
    const map = await screen.findByRole('region', { name: 'Map preview of the boundary' });
    await vi.waitFor(() => expect(map.querySelector('path.leaflet-interactive, svg path')).not.toBeNull());

    await user.click(screen.getByRole('button', { name: 'Create municipality' }));

    await vi.waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(await requests.find((r) => r.method === 'POST')?.json()).toEqual({
      name: 'Werder (Havel)',
      slug: 'werder-havel',
      reference_prefix: 'WER',
      default_locale: 'de',
      timezone: 'Europe/Berlin',
      active: true,
      boundary: square,
    });
  });

  it('says what is wrong with a file beside the input, and sends no boundary from it', async () => {
    const { requests } = api();
    renderWithProviders(<MunicipalityForm />);
    const user = userEvent.setup();
    await fillNew(user);
    const input = screen.getByLabelText('GeoJSON file');

    await user.upload(input, geojsonFile({ type: 'Polygon', coordinates: [ring.slice(0, 4)] }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Ring 1 of polygon 1 is not closed');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(expect.stringContaining('is not closed'));

    await user.upload(input, geojsonFile('not json at all', 'notes.txt'));
    expect(await screen.findByRole('alert')).toHaveTextContent('The file is not JSON.');

    await user.click(screen.getByRole('button', { name: 'Create municipality' }));
    await vi.waitFor(() => expect(requests.some((r) => r.method === 'POST')).toBe(true));
    expect(await requests.find((r) => r.method === 'POST')?.json()).not.toHaveProperty('boundary');
  });

  it("shows the API's overlap refusal beside the boundary", async () => {
    api({
      'POST /api/v1/municipalities': () =>
        errorResponse(409, 'boundary_overlaps', 'The boundary overlaps Potsdam by 40% of the smaller area; municipalities may only share their borders.', {
          municipality_id: 'potsdam',
          name: 'Potsdam',
          overlap_share: 0.4,
        }),
    });
    renderWithProviders(<MunicipalityForm />);
    const user = userEvent.setup();
    await fillNew(user);
    await user.upload(screen.getByLabelText('GeoJSON file'), geojsonFile(square));
    await screen.findByText(/New boundary from/);

    await user.click(screen.getByRole('button', { name: 'Create municipality' }));

    const input = screen.getByLabelText('GeoJSON file');
    await vi.waitFor(() => expect(input).toHaveAccessibleDescription(expect.stringContaining('overlaps Potsdam by 40%')));
  });

  it('offers the shape the API repaired, and sends it when chosen', async () => {
    const repaired = { type: 'MultiPolygon', coordinates: [[ring]] };
    let attempts = 0;
    const { requests } = api({
      'POST /api/v1/municipalities': async (request) => {
        attempts += 1;
        if (attempts === 1) {
          return errorResponse(422, 'invalid_geometry', 'The boundary is not a valid polygon (Self-intersection).', {
            reason: 'Self-intersection',
            repaired,
          });
        }
        return jsonResponse({ ...werder, ...((await request.json()) as object), id: 'new-1' }, 201);
      },
    });
    renderWithProviders(<MunicipalityForm />);
    const user = userEvent.setup();
    await fillNew(user);
    const bowtie = [[12.9, 52.35], [13.0, 52.42], [13.0, 52.35], [12.9, 52.42], [12.9, 52.35]];
    await user.upload(screen.getByLabelText('GeoJSON file'), geojsonFile({ type: 'Polygon', coordinates: [bowtie] }));
    await screen.findByText(/New boundary from/);
    await user.click(screen.getByRole('button', { name: 'Create municipality' }));

    await user.click(await screen.findByRole('button', { name: 'Use the repaired shape' }));
    await user.click(screen.getByRole('button', { name: 'Create municipality' }));

    await vi.waitFor(() => expect(attempts).toBe(2));
    const posts = requests.filter((r) => r.method === 'POST');
    expect(((await posts[1]?.json()) as { boundary: unknown }).boundary).toEqual(repaired);
  });

  it('edits a municipality: the prefix is fixed, removing the boundary sends null', async () => {
    const { requests } = api();
    renderWithProviders(<MunicipalityForm municipality={werder} />);
    const user = userEvent.setup();

    expect(screen.getByLabelText('Reference prefix')).toBeDisabled();
    expect(screen.getByText('Current boundary')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Contact email'));
    await user.click(screen.getByRole('button', { name: 'Remove the boundary' }));
    expect(screen.getByText('The boundary will be removed when you save.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Saved.');
    expect(await requests.find((r) => r.method === 'PATCH')?.json()).toEqual({
      name: 'Werder (Havel)',
      slug: 'werder-havel',
      contact_email: null,
      default_locale: 'de',
      timezone: 'Europe/Berlin',
      active: true,
      working_hours: null,
      boundary: null,
    });
  });

  it('sends the working week, and shows a problem the API finds beside its day', async () => {
    let attempts = 0;
    const { requests } = api({
      'PATCH /api/v1/municipalities/werder': async (request) => {
        attempts += 1;
        if (attempts === 1) {
          return errorResponse(422, 'validation_failed', 'Some fields are missing or not valid; see details.', {
            fields: [{ field: 'working_hours.friday.0', problem: 'Value error, a span must close after it opens (16:00-12:00)' }],
          });
        }
        return jsonResponse({ ...werder, ...((await request.json()) as object) });
      },
    });
    renderWithProviders(
      <MunicipalityForm
        municipality={{ ...werder, working_hours: { monday: [{ opens: '07:30:00', closes: '15:00:00' }], tuesday: [], wednesday: [], thursday: [], friday: [{ opens: '08:00:00', closes: '12:00:00' }], saturday: [], sunday: [] } }}
      />,
    );
    const user = userEvent.setup();
    const friday = screen.getByRole('group', { name: 'Friday' });
    expect(within(friday).getByLabelText('Friday, span 1: opens')).toHaveValue('08:00');
    expect(within(screen.getByRole('group', { name: 'Sunday' })).getByText('Day off.')).toBeInTheDocument();

    fireEvent.change(within(friday).getByLabelText('Friday, span 1: opens'), { target: { value: '16:00' } });
    await user.click(within(screen.getByRole('group', { name: 'Saturday' })).getByRole('button', { name: 'Add a span on Saturday' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await within(friday).findByText('Value error, a span must close after it opens (16:00-12:00)')).toBeInTheDocument();
    const body = (await requests.find((r) => r.method === 'PATCH')?.json()) as { working_hours: unknown };
    expect(body.working_hours).toEqual({
      monday: [{ opens: '07:30', closes: '15:00' }],
      tuesday: [],
      wednesday: [],
      thursday: [],
      friday: [{ opens: '16:00', closes: '12:00' }],
      saturday: [{ opens: '08:00', closes: '16:00' }],
      sunday: [],
    });

    await user.click(screen.getByLabelText('Count deadlines in working hours only'));
    expect(screen.getByText('Every hour of every day counts towards deadlines.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('status');
    const second = (await requests.filter((r) => r.method === 'PATCH')[1]?.json()) as { working_hours: unknown };
    expect(second.working_hours).toBeNull();
  });

  it('leaves the boundary out of an edit that does not touch it', async () => {
    const { requests } = api();
    renderWithProviders(<MunicipalityForm municipality={werder} />);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Active: CityFix takes reports for this municipality'));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await screen.findByRole('status');
    const body = await requests.find((r) => r.method === 'PATCH')?.json();
    expect(body).toMatchObject({ active: false });
    expect(body).not.toHaveProperty('boundary');
  });
});

describe('MunicipalityList', () => {
  it('lists every municipality with whether it has a boundary', async () => {
    mockApi({
      'GET /api/v1/municipalities': () =>
        jsonResponse({
          data: [
            { id: 'werder', name: 'Werder (Havel)', slug: 'werder-havel', reference_prefix: 'WER', active: true, default_locale: 'de', timezone: 'Europe/Berlin', bbox: [12.9, 52.35, 13, 52.42] },
            { id: 'beelitz', name: 'Beelitz', slug: 'beelitz', reference_prefix: 'BEE', active: false, default_locale: 'de', timezone: 'Europe/Berlin', bbox: null },
          ],
          next_cursor: null,
        }),
    });
    renderWithProviders(<MunicipalityList />);

    const beelitz = (await screen.findByRole('rowheader', { name: 'Beelitz' })).closest('tr') as HTMLElement;
    expect(within(beelitz).getByText('None')).toBeInTheDocument();
    expect(within(beelitz).getByText('Inactive')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Edit Werder (Havel)' })).toHaveAttribute('href', '/admin/municipalities/werder');
    // Sorted by name.
    expect(screen.getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Beelitz', 'Werder (Havel)']);
    expect(await seriousViolations()).toEqual([]);
  });
});
