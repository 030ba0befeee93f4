import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ReportForm } from '@/features/report/components/report-form';
import { resetSessionForTests, startSession } from '@/lib/session';
import { seriousViolations } from '@/testing/axe';
import { installFakeXhr, type FakeXhr } from '@/testing/fake-xhr';
import { buildTicket, buildTokenPair } from '@/testing/fixtures';
import { jsonResponse, mockApi, renderWithProviders } from '@/testing/test-utils';

const streetlight = {
  id: 'cat-light',
  code: 'streetlight',
  name: 'Streetlight out',
  group: 'Lighting',
  description: 'A street lamp that does not light.',
  active: true,
  municipality_id: 'potsdam',
  created_at: '2026-11-01T00:00:00Z',
  default_priority: 'normal',
  duplicate_radius_m: 50,
  keywords: [],
  sla_hours: 72,
  questions: [],
};

function api() {
  return mockApi({
    'GET /api/v1/geo/locate': () => jsonResponse({ municipality_id: 'potsdam', name: 'Potsdam', slug: 'potsdam' }),
    'GET /api/v1/municipalities/potsdam/categories': () => jsonResponse({ data: [streetlight], next_cursor: null }),
    'GET /api/v1/tickets/nearby': () => jsonResponse({ data: [], next_cursor: null }),
    'POST /api/v1/tickets': () => jsonResponse(buildTicket({ id: 'new-1', reference: 'POT-8', view: 'reporter' }), 201),
  });
}

function photo(name: string, type = 'image/jpeg') {
  return new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], name, { type });
}

function uploaded(id: string, extra: Record<string, unknown> = {}) {
  return { id, width: 1600, height: 1200, thumbnail_url: `/api/v1/media/${id}/thumbnail`, suggested_location: null, ...extra };
}

let xhr: typeof FakeXhr;

beforeEach(() => {
  xhr = installFakeXhr();
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (file: File) => `blob:${file.name}`, revokeObjectURL: () => {} }));
  startSession(buildTokenPair('access-1', 'refresh-1'));
  Object.defineProperty(navigator, 'geolocation', {
    configurable: true,
    value: {
      getCurrentPosition: (found: PositionCallback) =>
        found({ coords: { latitude: 52.39061, longitude: 13.06452 } } as GeolocationPosition),
    },
  });
});
afterEach(() => {
  resetSessionForTests();
  Reflect.deleteProperty(navigator, 'geolocation');
});

describe('photos in the report flow', () => {
  it('uploads a chosen photo with progress, and the report carries its id', async () => {
    const { requests } = api();
    renderWithProviders(<ReportForm />);
    const user = userEvent.setup();

    await user.upload(screen.getByLabelText('Choose photos'), photo('lamp.jpg'));

    expect(screen.getByRole('img', { name: 'Photo 1' })).toHaveAttribute('src', 'blob:lamp.jpg');
    const [sent] = xhr.sent;
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toMatch(/\/api\/v1\/media$/);
    expect(sent?.headers['authorization']).toBe('Bearer access-1');
    expect(sent?.file.name).toBe('lamp.jpg');

    await sent?.progress(40, 100);
    expect(screen.getByRole('progressbar', { name: 'Uploading photo 1' })).toHaveAttribute('value', '40');
    await sent?.respond(201, uploaded('media-1'));
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByText('Photo 1 uploaded')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Use my position' }));
    await user.selectOptions(await screen.findByLabelText('Category'), 'Streetlight out');
    await user.type(screen.getByRole('textbox', { name: '4. Describe the problem' }), 'Dark since Monday');
    await user.click(screen.getByRole('button', { name: 'Send report' }));

    expect(await screen.findByText(/Your report POT-8 has been received/)).toBeInTheDocument();
    const post = requests.find((r) => r.method === 'POST' && r.url.endsWith('/tickets'));
    expect((await post?.json()) as unknown).toMatchObject({ photo_ids: ['media-1'], category_id: 'cat-light' });
  });

  it('waits for uploads before sending, and a removed photo is cancelled and left out', async () => {
    const { requests } = api();
    renderWithProviders(<ReportForm />);
    const user = userEvent.setup();

    await user.upload(screen.getByLabelText('Choose photos'), [photo('a.jpg'), photo('b.jpg')]);
    const [first, second] = xhr.sent;
    await second?.respond(201, uploaded('media-b'));
    await user.click(screen.getByRole('button', { name: 'Use my position' }));
    await user.selectOptions(await screen.findByLabelText('Category'), 'Streetlight out');
    await user.type(screen.getByRole('textbox', { name: '4. Describe the problem' }), 'Dark');

    expect(screen.getByText('Please wait until the photos are uploaded.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send report' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Remove photo 1' }));
    expect(first?.aborted).toBe(true);
    expect(screen.getAllByRole('img')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Send report' }));

    await screen.findByText(/Your report POT-8 has been received/);
    const post = requests.find((r) => r.method === 'POST' && r.url.endsWith('/tickets'));
    expect(((await post?.json()) as { photo_ids: string[] }).photo_ids).toEqual(['media-b']);
  });

  it.each([
    [413, 'payload_too_large', 'The photo is larger than 15 MB; send a smaller one.'],
    [415, 'unsupported_media_type', 'Only JPEG, PNG and WebP photos are accepted.'],
    [422, 'image_too_large', 'The photo has more than 40 megapixels; send a smaller one.'],
  ])('shows the API message of a %i', async (status, code, message) => {
    api();
    renderWithProviders(<ReportForm />);
    const user = userEvent.setup();

    await user.upload(screen.getByLabelText('Choose photos'), photo('huge.jpg'));
    await xhr.sent[0]?.respond(status, { error: { code, message, details: null } });

    const item = screen.getByRole('img', { name: 'Photo 1' }).closest('li') as HTMLElement;
    expect(within(item).getByText('Photo 1 was not uploaded:')).toBeInTheDocument();
    expect(within(item).getByRole('alert')).toHaveTextContent(message);
    // A failed photo is not sent with the report, and does not hold it up.
    await user.click(within(item).getByRole('button', { name: 'Remove photo 1' }));
    expect(screen.queryByRole('img', { name: 'Photo 1' })).not.toBeInTheDocument();
  });

  it('says when the server cannot be reached', async () => {
    api();
    renderWithProviders(<ReportForm />);

    await userEvent.setup().upload(screen.getByLabelText('Take a photo'), photo('street.jpg'));
    await xhr.sent[0]?.failNetwork();

    expect(screen.getByRole('alert')).toHaveTextContent('Could not reach the CityFix server.');
  });

  it('offers the location the photo was taken at for the pin', async () => {
    const { requests } = api();
    renderWithProviders(<ReportForm />);
    const user = userEvent.setup();

    await user.upload(screen.getByLabelText('Choose photos'), photo('gps.jpg'));
    await xhr.sent[0]?.respond(201, uploaded('media-1', { suggested_location: { lat: 52.4, lon: 13.05 } }));
    expect(screen.getByText('Photo 1 knows where it was taken.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Use the location of photo 1' }));

    expect(await screen.findByText('Handled by Potsdam')).toBeInTheDocument();
    expect(screen.getByText('Chosen point: 52.40000, 13.05000')).toBeInTheDocument();
    const locate = new URL(requests.find((r) => r.url.includes('/geo/locate'))?.url ?? '');
    expect([locate.searchParams.get('lat'), locate.searchParams.get('lon')]).toEqual(['52.4', '13.05']);
  });

  it('takes at most five photos and says how many were left out', async () => {
    api();
    renderWithProviders(<ReportForm />);
    const files = ['1', '2', '3', '4', '5', '6', '7'].map((n) => photo(`${n}.jpg`));

    await userEvent.setup().upload(screen.getByLabelText('Choose photos'), files);

    expect(screen.getAllByRole('img')).toHaveLength(5);
    expect(xhr.sent).toHaveLength(5);
    expect(screen.getByText('A report takes up to 5 photos; 2 were left out.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Choose photos')).not.toBeInTheDocument();
    await waitFor(async () => expect(await seriousViolations()).toEqual([]));
  });

  it('sends the report again while a fresh photo is still being processed, and only then', async () => {
    let attempts = 0;
    const { requests } = mockApi({
      'GET /api/v1/geo/locate': () => jsonResponse({ municipality_id: 'potsdam', name: 'Potsdam', slug: 'potsdam' }),
      'GET /api/v1/municipalities/potsdam/categories': () => jsonResponse({ data: [streetlight], next_cursor: null }),
      'GET /api/v1/tickets/nearby': () => jsonResponse({ data: [], next_cursor: null }),
      'POST /api/v1/tickets': () => {
        attempts += 1;
        return attempts === 1
          ? jsonResponse({ error: { code: 'photo_not_available', message: 'still being processed', details: null } }, 422)
          : jsonResponse(buildTicket({ id: 'new-1', reference: 'POT-8', view: 'reporter' }), 201);
      },
    });
    renderWithProviders(<ReportForm />);
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText('Choose photos'), photo('lamp.jpg'));
    await xhr.sent[0]?.respond(201, uploaded('media-1'));
    await user.click(screen.getByRole('button', { name: 'Use my position' }));
    await user.selectOptions(await screen.findByLabelText('Category'), 'Streetlight out');
    await user.type(screen.getByRole('textbox', { name: '4. Describe the problem' }), 'Dark');
    await user.click(screen.getByRole('button', { name: 'Send report' }));

    expect(await screen.findByText(/Your report POT-8 has been received/, {}, { timeout: 3000 })).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST' && r.url.endsWith('/tickets'))).toHaveLength(2);
  });

  it('refreshes an expired session and sends the photo again after a 401', async () => {
    const refresh = vi.fn(() => jsonResponse(buildTokenPair('access-2', 'refresh-2')));
    mockApi({ 'POST /api/v1/auth/refresh': refresh });
    renderWithProviders(<ReportForm />);

    await userEvent.setup().upload(screen.getByLabelText('Choose photos'), photo('lamp.jpg'));
    await xhr.sent[0]?.respond(401, { error: { code: 'invalid_token', message: 'expired', details: null } });

    await waitFor(() => expect(xhr.sent).toHaveLength(2));
    expect(refresh).toHaveBeenCalledOnce();
    expect(xhr.sent[1]?.headers['authorization']).toBe('Bearer access-2');
    await xhr.sent[1]?.respond(201, uploaded('media-1'));
    expect(screen.getByText('Photo 1 uploaded')).toBeInTheDocument();
  });
});
