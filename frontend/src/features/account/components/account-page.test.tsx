import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import AccountRoute from '@/app/routes/account';
import { AccountPage } from '@/features/account/components/account-page';
import { I18nProvider } from '@/lib/i18n';
import { readRefreshToken, resetSessionForTests, startSession } from '@/lib/session';
import { seriousViolations } from '@/testing/axe';
import { buildTokenPair, buildUser } from '@/testing/fixtures';
import { createTestQueryClient, errorResponse, jsonResponse, mockApi, renderWithProviders } from '@/testing/test-utils';

const user = buildUser({ id: 'user-1', email: 'ada@example.org', full_name: 'Ada Citizen' });
const exported = {
  user,
  profile: { email: user.email, full_name: user.full_name, phone: '+49 331 1234', locale: 'en' },
  sessions: [],
  exported_at: '2026-11-27T12:00:00Z',
};
const preferences = {
  email_status_changes: true,
  email_comments: false,
  email_assignments: true,
  email_area_alerts: true,
  email_feedback: true,
  email_sla_breaches: true,
  email_new_tickets: 'each',
};
const schoolAlert = {
  alert_id: 'alert-1',
  name: 'Around the school',
  kind: 'radius',
  center: { lat: 52.4, lon: 13.05 },
  radius_m: 300,
  municipality_id: null,
  category_ids: [],
  created_at: '2026-11-20T10:00:00Z',
};
const lighting = {
  id: 'cat-light',
  code: 'streetlight',
  name: 'Streetlight out',
  group: 'Lighting',
  description: '',
  active: true,
  municipality_id: 'potsdam',
  created_at: '2026-11-01T00:00:00Z',
  default_priority: 'normal',
  duplicate_radius_m: 50,
  keywords: [],
  sla_hours: 72,
  questions: [],
};

function api(overrides: Parameters<typeof mockApi>[0] = {}) {
  let alerts = [schoolAlert];
  return mockApi({
    'GET /api/v1/auth/me': () => jsonResponse(user),
    'GET /api/v1/auth/me/export': () => jsonResponse(exported),
    'GET /api/v1/auth/me/notification-preferences': () => jsonResponse(preferences),
    'GET /api/v1/auth/me/alerts': () => jsonResponse({ data: alerts, next_cursor: null }),
    'POST /api/v1/auth/me/alerts': async (request) => {
      const body = (await request.json()) as Record<string, unknown>;
      const created = { ...schoolAlert, ...body, alert_id: 'alert-2' };
      alerts = [...alerts, created];
      return jsonResponse(created, 201);
    },
    'DELETE /api/v1/auth/me/alerts/:id': (_request, url) => {
      alerts = alerts.filter((alert) => !url.pathname.endsWith(alert.alert_id));
      return new Response(null, { status: 204 });
    },
    'GET /api/v1/municipalities': () =>
      jsonResponse({ data: [{ id: 'potsdam', name: 'Potsdam', slug: 'potsdam', active: true }], next_cursor: null }),
    'GET /api/v1/geo/locate': () => jsonResponse({ municipality_id: 'potsdam', name: 'Potsdam', slug: 'potsdam' }),
    'GET /api/v1/municipalities/potsdam/categories': () => jsonResponse({ data: [lighting], next_cursor: null }),
    ...overrides,
  });
}

function renderPage() {
  return renderWithProviders(<AccountPage />, { route: '/account', path: '/account' });
}

beforeEach(() => {
  startSession(buildTokenPair('access-1', 'refresh-1', { user }));
  Object.defineProperty(navigator, 'geolocation', {
    configurable: true,
    value: {
      getCurrentPosition: (found: PositionCallback) =>
        found({ coords: { latitude: 52.39, longitude: 13.06 } } as GeolocationPosition),
    },
  });
});
afterEach(() => {
  resetSessionForTests();
  window.localStorage.clear();
  Reflect.deleteProperty(navigator, 'geolocation');
});

describe('the account page', () => {
  it('saves the profile with the phone and language it had, and switches the language', async () => {
    const { requests } = api({
      'PATCH /api/v1/auth/me': () => jsonResponse({ ...user, full_name: 'Ada Lovelace' }),
    });
    renderPage();
    const u = userEvent.setup();

    const profile = await screen.findByRole('region', { name: 'Profile' });
    await waitFor(() => expect(within(profile).getByLabelText(/Phone/)).toHaveValue('+49 331 1234'));
    const name = within(profile).getByLabelText('Full name');
    await u.clear(name);
    await u.type(name, 'Ada Lovelace');
    await u.selectOptions(within(profile).getByLabelText('Language for emails and this app'), 'Deutsch');
    await u.click(within(profile).getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Ihr Konto' })).toBeInTheDocument();
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(await patch?.json()).toEqual({ full_name: 'Ada Lovelace', locale: 'de', phone: '+49 331 1234' });
  });

  it('shows the problem the server found with a field', async () => {
    api({
      'PATCH /api/v1/auth/me': () =>
        errorResponse(422, 'validation_failed', 'Some fields are missing or not valid; see details.', {
          fields: [{ field: 'phone', problem: 'Use digits, spaces and + ( ) / - only.' }],
        }),
    });
    renderPage();
    const u = userEvent.setup();
    const profile = await screen.findByRole('region', { name: 'Profile' });
    const phone = within(profile).getByLabelText(/Phone/);
    await waitFor(() => expect(phone).toHaveValue('+49 331 1234'));
    await u.clear(phone);
    await u.type(phone, 'call me');
    await u.click(within(profile).getByRole('button', { name: 'Save profile' }));

    expect(await within(profile).findByRole('alert')).toHaveTextContent('Some fields are missing or not valid');
    expect(phone).toHaveAccessibleDescription(/Use digits, spaces and/);
    expect(phone).toHaveAttribute('aria-invalid', 'true');
  });

  it('changes the password, and says why the person must sign in again', async () => {
    let answer = () => errorResponse(400, 'wrong_current_password', 'The current password is not correct.');
    const { requests } = api({ 'POST /api/v1/auth/change-password': () => answer() });
    renderPage();
    const u = userEvent.setup();
    const section = await screen.findByRole('region', { name: 'Password' });

    await u.type(within(section).getByLabelText('Current password'), 'wrong-one');
    await u.type(within(section).getByLabelText('New password'), 'a much better secret');
    await u.click(within(section).getByRole('button', { name: 'Change password' }));
    expect(await within(section).findByRole('alert')).toHaveTextContent('The current password is not correct.');

    answer = () => new Response(null, { status: 204 });
    await u.click(within(section).getByRole('button', { name: 'Change password' }));

    expect(await within(section).findByText(/every session of your account was ended/)).toBeInTheDocument();
    expect(within(section).getByRole('button', { name: 'Sign in again' })).toBeInTheDocument();
    const sent = requests.filter((r) => r.url.endsWith('/change-password')).at(-1);
    expect(await sent?.json()).toEqual({ current_password: 'wrong-one', new_password: 'a much better secret' });
  });

  it('round-trips the email preferences, sending every field', async () => {
    const { requests } = api({
      'PUT /api/v1/auth/me/notification-preferences': async (request) => jsonResponse(await request.json()),
    });
    renderPage();
    const u = userEvent.setup();
    const section = await screen.findByRole('region', { name: 'Emails' });

    const comments = await within(section).findByRole('checkbox', { name: /New public comments/ });
    expect(comments).not.toBeChecked();
    const status = within(section).getByRole('checkbox', { name: /When the status of my reports/ });
    expect(status).toBeChecked();
    // A citizen is not asked about what only staff receive.
    expect(within(section).queryByRole('checkbox', { name: /past its due time/ })).not.toBeInTheDocument();

    await u.click(status);
    await u.click(comments);
    await u.click(within(section).getByRole('button', { name: 'Save email settings' }));

    expect(await within(section).findByText('Saved.')).toBeInTheDocument();
    const put = requests.find((r) => r.method === 'PUT');
    expect(await put?.json()).toEqual({ ...preferences, email_status_changes: false, email_comments: true });
  });

  it('lists, creates (a circle with a category) and deletes area alerts', async () => {
    const { requests } = api();
    renderPage();
    const u = userEvent.setup();
    const section = await screen.findByRole('region', { name: 'Area alerts' });

    expect(await within(section).findByText('Around the school')).toBeInTheDocument();
    expect(within(section).getByText(/300 m around 52.4000, 13.0500/)).toBeInTheDocument();

    await u.type(within(section).getByLabelText(/Name of the alert/), 'Near home');
    await u.click(within(section).getByRole('button', { name: 'Use my position' }));
    expect(within(section).getByText('Centre: 52.39000, 13.06000')).toBeInTheDocument();
    const radius = within(section).getByLabelText(/Radius in metres/);
    await u.clear(radius);
    await u.type(radius, '800');
    await u.click(await within(section).findByRole('checkbox', { name: 'Streetlight out' }));
    await u.click(within(section).getByRole('button', { name: 'Create alert' }));

    expect(await within(section).findByText('The alert "Near home" was created.')).toBeInTheDocument();
    const post = requests.find((r) => r.method === 'POST' && r.url.endsWith('/alerts'));
    expect(await post?.json()).toEqual({
      name: 'Near home',
      kind: 'radius',
      center: { lat: 52.39, lon: 13.06 },
      radius_m: 800,
      category_ids: ['cat-light'],
    });
    expect(await within(section).findByText('Near home')).toBeInTheDocument();

    await u.click(within(section).getByRole('button', { name: 'Delete alert "Around the school"' }));
    await waitFor(() => expect(within(section).queryByText('Around the school')).not.toBeInTheDocument());
    expect(requests.some((r) => r.method === 'DELETE' && r.url.endsWith('/alerts/alert-1'))).toBe(true);
  });

  it('creates an alert for a whole municipality', async () => {
    const { requests } = api();
    renderPage();
    const u = userEvent.setup();
    const section = await screen.findByRole('region', { name: 'Area alerts' });

    await u.type(within(section).getByLabelText(/Name of the alert/), 'All of Potsdam');
    await u.click(within(section).getByRole('radio', { name: 'A whole municipality' }));
    await u.selectOptions(await within(section).findByRole('combobox', { name: 'A whole municipality' }), 'Potsdam');
    await u.click(within(section).getByRole('button', { name: 'Create alert' }));

    await within(section).findByText('The alert "All of Potsdam" was created.');
    const post = requests.find((r) => r.method === 'POST' && r.url.endsWith('/alerts'));
    expect(await post?.json()).toEqual({ name: 'All of Potsdam', kind: 'municipality', municipality_id: 'potsdam', category_ids: [] });
  });

  it('downloads the personal data as a JSON file', async () => {
    api();
    const blobs: Blob[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, {
        createObjectURL: (blob: Blob) => {
          blobs.push(blob);
          return 'blob:export';
        },
        revokeObjectURL: () => {},
      }),
    );
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toMatch(/^cityfix-personal-data-\d{4}-\d{2}-\d{2}\.json$/);
      expect(this.href).toBe('blob:export');
    });
    renderPage();

    await userEvent.setup().click(await screen.findByRole('button', { name: 'Download my data' }));

    await waitFor(() => expect(clicked).toHaveBeenCalledOnce());
    expect(blobs[0]?.type).toBe('application/json');
    expect(JSON.parse(await (blobs[0] as Blob).text())).toEqual(exported);
  });

  it('deletes the account after a confirmation, and signs the person out', async () => {
    const { requests } = api({ 'DELETE /api/v1/auth/me': () => new Response(null, { status: 204 }) });
    // Through the route: what happens after the deletion is the route's to decide.
    const router = createMemoryRouter(
      [
        { path: '/account', element: <AccountRoute /> },
        { path: '/', element: <p>home</p> },
        { path: '/login', element: <p>sign-in page</p> },
      ],
      { initialEntries: ['/account'] },
    );
    render(
      <QueryClientProvider client={createTestQueryClient()}>
        <I18nProvider>
          <RouterProvider router={router} />
        </I18nProvider>
      </QueryClientProvider>,
    );
    const u = userEvent.setup();

    await u.click(await screen.findByRole('button', { name: 'Delete my account' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete your account?' });
    await u.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();

    await u.click(screen.getByRole('button', { name: 'Delete my account' }));
    await u.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Yes, delete my account' }));

    // Home, not to the sign-in page a signed-in page sends a signed-out person to.
    expect(await screen.findByText('home')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    expect(requests.some((r) => r.method === 'DELETE' && r.url.endsWith('/api/v1/auth/me'))).toBe(true);
    expect(readRefreshToken()).toBeNull();
  });

  it('has no serious accessibility problems', async () => {
    api();
    renderPage();
    await screen.findByText('Around the school');
    await screen.findByRole('checkbox', { name: /New public comments/ });
    expect(await seriousViolations()).toEqual([]);
  });
});
