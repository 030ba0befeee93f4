import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { ApiKey } from '@/features/integrations/api/api-keys';
import type { WebhookDelivery } from '@/features/integrations/api/deliveries';
import type { WebhookEndpoint } from '@/features/integrations/api/webhooks';
import { Integrations } from '@/features/integrations/components/integrations';
import { seriousViolations } from '@/testing/axe';
import { createTestQueryClient, errorResponse, jsonResponse, mockApi, renderWithProviders } from '@/testing/test-utils';

const KEY_SECRET = 'cfk_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const WEBHOOK_SECRET = 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LWZvci10ZXN0cw==';
const ROTATED_SECRET = 'whsec_bmV3LXNlY3JldC1hZnRlci1yb3RhdGlvbg==';

const workOrders: ApiKey = {
  id: 'key-1',
  name: 'Work orders',
  municipality_id: 'potsdam',
  prefix: 'cfk_1a2b',
  created_at: '2026-11-01T09:00:00Z',
  created_by: 'm-1',
  last_used_at: null,
  revoked_at: null,
};
const oldGis: ApiKey = {
  ...workOrders,
  id: 'key-2',
  name: 'Old GIS',
  prefix: 'cfk_9z8y',
  last_used_at: '2026-11-20T08:30:00Z',
  revoked_at: '2026-11-21T12:00:00Z',
};

const crm: WebhookEndpoint = {
  id: 'wh-1',
  municipality_id: 'potsdam',
  url: 'https://crm.potsdam.example/cityfix',
  description: 'The city CRM',
  event_types: ['TicketCreated', 'StatusChanged'],
  category_ids: ['cat-potholes'],
  enabled: true,
  created_at: '2026-11-02T10:00:00Z',
  created_by: 'm-1',
  updated_at: '2026-11-02T10:00:00Z',
  disabled_at: null,
  disabled_reason: null,
};
const broken: WebhookEndpoint = {
  ...crm,
  id: 'wh-2',
  url: 'https://broken.example/hook',
  description: '',
  event_types: [],
  category_ids: [],
  enabled: false,
  disabled_at: '2026-11-25T03:00:00Z',
  disabled_reason: '3 deliveries in a row failed for good; the last answer was HTTP 500.',
};

const failedDelivery: WebhookDelivery = {
  id: 'del-1',
  webhook_endpoint_id: 'wh-1',
  webhook_id: 'evt-1',
  event_id: 'evt-1',
  event_type: 'TicketCreated',
  status: 'failed',
  created_at: '2026-11-24T10:00:00Z',
  delivered_at: null,
  next_attempt_at: null,
  attempts: [
    { attempted_at: '2026-11-24T10:00:01Z', outcome: 'failed', status_code: 500, error: null, duration_ms: 120.4, response_excerpt: 'oops' },
    { attempted_at: '2026-11-24T10:00:06Z', outcome: 'failed', status_code: null, error: 'connection refused', duration_ms: 3.2, response_excerpt: '' },
  ],
};
const olderDelivery: WebhookDelivery = {
  ...failedDelivery,
  id: 'del-0',
  webhook_id: 'evt-0',
  event_id: 'evt-0',
  event_type: 'StatusChanged',
  status: 'delivered',
  created_at: '2026-11-23T10:00:00Z',
  delivered_at: '2026-11-23T10:00:01Z',
  attempts: [{ attempted_at: '2026-11-23T10:00:01Z', outcome: 'delivered', status_code: 204, error: null, duration_ms: 45, response_excerpt: '' }],
};

const categories = [
  { id: 'cat-potholes', name: 'Potholes', active: true },
  { id: 'cat-lights', name: 'Street lights', active: true },
  { id: 'cat-old', name: 'Retired category', active: false },
];

function api(overrides: Parameters<typeof mockApi>[0] = {}) {
  let keys = [workOrders, oldGis];
  let endpoints = [crm, broken];
  return mockApi({
    'GET /api/v1/integrations/api-keys': () => jsonResponse({ data: keys, next_cursor: null }),
    'POST /api/v1/integrations/api-keys': async (request) => {
      const body = (await request.json()) as { name: string; municipality_id: string };
      const created = { ...workOrders, id: 'key-3', name: body.name, prefix: KEY_SECRET.slice(0, 8) };
      keys = [created, ...keys];
      return jsonResponse({ api_key: created, secret: KEY_SECRET }, 201);
    },
    'DELETE /api/v1/integrations/api-keys/:id': (_request, url) => {
      const id = url.pathname.split('/').pop();
      keys = keys.map((k) => (k.id === id ? { ...k, revoked_at: '2026-11-28T01:00:00Z' } : k));
      return jsonResponse(keys.find((k) => k.id === id));
    },
    'GET /api/v1/municipalities/potsdam/categories': () =>
      jsonResponse({ data: categories.map((c) => ({ ...c, code: c.id, municipality_id: 'potsdam' })), next_cursor: null }),
    'GET /api/v1/webhooks': () => jsonResponse({ data: endpoints, next_cursor: null }),
    'POST /api/v1/webhooks': async (request) => {
      const body = (await request.json()) as Pick<WebhookEndpoint, 'url' | 'description' | 'event_types' | 'category_ids'>;
      const created = { ...crm, id: 'wh-3', ...body };
      endpoints = [created, ...endpoints];
      return jsonResponse({ endpoint: created, secret: WEBHOOK_SECRET }, 201);
    },
    'PATCH /api/v1/webhooks/:id': async (request, url) => {
      const id = url.pathname.split('/').pop();
      const changes = (await request.json()) as Partial<WebhookEndpoint>;
      endpoints = endpoints.map((e) => (e.id === id ? { ...e, ...changes, disabled_at: null, disabled_reason: null } : e));
      return jsonResponse(endpoints.find((e) => e.id === id));
    },
    'DELETE /api/v1/webhooks/:id': (_request, url) => {
      const id = url.pathname.split('/').pop();
      endpoints = endpoints.filter((e) => e.id !== id);
      return jsonResponse(null, 204);
    },
    'POST /api/v1/webhooks/:id/rotate-secret': (_request, url) =>
      jsonResponse({ endpoint: endpoints.find((e) => url.pathname.includes(e.id)), secret: ROTATED_SECRET }),
    'POST /api/v1/webhooks/:id/test': () =>
      jsonResponse({ ...failedDelivery, id: 'del-ping', event_id: null, event_type: 'webhook.test', status: 'pending', attempts: [] }, 202),
    'GET /api/v1/webhooks/:id/deliveries': (_request, url) =>
      url.searchParams.get('cursor') === 'page-2'
        ? jsonResponse({ data: [olderDelivery], next_cursor: null })
        : jsonResponse({ data: [failedDelivery], next_cursor: 'page-2' }),
    'POST /api/v1/webhooks/:id/deliveries/:delivery/replay': () => jsonResponse({ ...failedDelivery, status: 'pending' }, 202),
    ...overrides,
  });
}

const sent = (requests: Request[], method: string, path: string | RegExp) =>
  requests.filter((r) => r.method === method && (typeof path === 'string' ? new URL(r.url).pathname === path : path.test(new URL(r.url).pathname)));

describe('Integrations: API keys', () => {
  it("lists the municipality's keys with creation, last use and revocation", async () => {
    const { requests } = api();
    renderWithProviders(<Integrations municipalityId="potsdam" />);

    const row = (await screen.findByRole('rowheader', { name: /^Work orders/ })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Starts with cfk_1a2b')).toBeInTheDocument();
    expect(within(row).getByText('Never')).toBeInTheDocument();
    expect(within(row).getByText('Active')).toBeInTheDocument();
    const revokedRow = screen.getByRole('rowheader', { name: /^Old GIS/ }).closest('tr') as HTMLElement;
    expect(within(revokedRow).getByText(/^Revoked /)).toBeInTheDocument();
    expect(within(revokedRow).queryByRole('button')).not.toBeInTheDocument();
    expect(new URL(sent(requests, 'GET', '/api/v1/integrations/api-keys')[0]?.url ?? '').searchParams.get('municipality_id')).toBe('potsdam');
    expect(await screen.findByText('https://broken.example/hook')).toBeInTheDocument();
    expect(await seriousViolations()).toEqual([]);
  });

  it('shows a new key once, with a copy button, and never again after leaving', async () => {
    const { requests } = api();
    const queryClient = createTestQueryClient();
    const { unmount } = renderWithProviders(<Integrations municipalityId="potsdam" />, { queryClient });
    const user = userEvent.setup();
    const form = await screen.findByRole('region', { name: 'Create an API key' });

    await user.type(within(form).getByRole('textbox', { name: 'Name' }), '  Work-order system ');
    await user.click(within(form).getByRole('button', { name: 'Create key' }));

    const box = await within(form).findByRole('region', { name: 'The new key for Work-order system' });
    expect(within(box).getByText(KEY_SECRET)).toBeInTheDocument();
    expect(box).toHaveTextContent('it will not be shown again');
    expect(await sent(requests, 'POST', '/api/v1/integrations/api-keys')[0]?.json()).toEqual({
      name: 'Work-order system',
      municipality_id: 'potsdam',
    });
    await user.click(within(box).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe(KEY_SECRET);
    expect(within(box).getByRole('status')).toHaveTextContent('Copied to the clipboard.');
    // The list shows the new key, never its secret.
    expect(await screen.findByRole('rowheader', { name: /^Work-order system/ })).toBeInTheDocument();
    expect(screen.getAllByText(KEY_SECRET)).toHaveLength(1);

    unmount();
    renderWithProviders(<Integrations municipalityId="potsdam" />, { queryClient });
    expect(await screen.findByRole('rowheader', { name: /^Work-order system/ })).toBeInTheDocument();
    expect(screen.queryByText(KEY_SECRET)).not.toBeInTheDocument();
    expect(JSON.stringify(queryClient.getQueryCache().getAll().map((q) => q.state.data))).not.toContain(KEY_SECRET);
  });

  it('hides the key when the person says they stored it', async () => {
    api();
    renderWithProviders(<Integrations municipalityId="potsdam" />);
    const user = userEvent.setup();
    const form = await screen.findByRole('region', { name: 'Create an API key' });
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'GIS');
    await user.click(within(form).getByRole('button', { name: 'Create key' }));
    await user.click(await within(form).findByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByText(KEY_SECRET)).not.toBeInTheDocument();
  });

  it('shows the API refusal of a name beside the field', async () => {
    api({
      'POST /api/v1/integrations/api-keys': () =>
        errorResponse(422, 'validation_failed', 'Some fields are missing or not valid; see details.', {
          fields: [{ field: 'name', problem: 'String should have at most 100 characters' }],
        }),
    });
    renderWithProviders(<Integrations municipalityId="potsdam" />);
    const user = userEvent.setup();
    const form = await screen.findByRole('region', { name: 'Create an API key' });
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'x');
    await user.click(within(form).getByRole('button', { name: 'Create key' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent('Some fields are missing or not valid');
    expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(
      expect.stringContaining('String should have at most 100 characters'),
    );
  });

  it('revokes a key only after confirming, and Cancel changes nothing', async () => {
    const { requests } = api();
    renderWithProviders(<Integrations municipalityId="potsdam" />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Revoke the key Work orders' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke the key Work orders?' });
    expect(dialog).toHaveTextContent('cannot be undone');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(sent(requests, 'DELETE', /api-keys/)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Revoke the key Work orders' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Revoke' }));

    expect(await screen.findByText('The key Work orders is revoked.')).toBeInTheDocument();
    expect(sent(requests, 'DELETE', '/api/v1/integrations/api-keys/key-1')).toHaveLength(1);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Revoke the key Work orders' })).not.toBeInTheDocument());
  });
});

describe('Integrations: webhooks', () => {
  it('lists endpoints with their filters and a system-disabled one with its reason', async () => {
    api();
    renderWithProviders(<Integrations municipalityId="potsdam" />);

    const list = await screen.findByRole('list', { name: 'Webhook endpoints' });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(first).toHaveTextContent('https://crm.potsdam.example/cityfix');
    expect(first).toHaveTextContent('TicketCreated, StatusChanged');
    expect(await within(first as HTMLElement).findByText('Potholes')).toBeInTheDocument();
    expect(first).toHaveTextContent('Enabled');
    expect(second).toHaveTextContent('All events');
    expect(second).toHaveTextContent('All categories');
    expect(second).toHaveTextContent(/Disabled since/);
    expect(second).toHaveTextContent('Reason: 3 deliveries in a row failed for good; the last answer was HTTP 500.');
  });

  it('creates an endpoint with the chosen event types and categories, and shows its secret once', async () => {
    const { requests } = api();
    const queryClient = createTestQueryClient();
    const { unmount } = renderWithProviders(<Integrations municipalityId="potsdam" />, { queryClient });
    const user = userEvent.setup();
    const form = await screen.findByRole('region', { name: 'Add a webhook endpoint' });

    await user.type(within(form).getByRole('textbox', { name: 'URL' }), 'https://works.example.org/cityfix');
    await user.type(within(form).getByRole('textbox', { name: 'Description (optional)' }), 'Work orders');
    await user.click(within(form).getByRole('checkbox', { name: 'TicketCreated' }));
    await user.click(within(form).getByRole('checkbox', { name: 'SlaBreached' }));
    await user.click(await within(form).findByRole('checkbox', { name: 'Street lights' }));
    expect(within(form).queryByRole('checkbox', { name: 'Retired category' })).not.toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }));

    const box = await within(form).findByRole('region', { name: 'Signing secret of https://works.example.org/cityfix' });
    expect(within(box).getByText(WEBHOOK_SECRET)).toBeInTheDocument();
    expect(box).toHaveTextContent('It will not be shown again.');
    expect(await sent(requests, 'POST', '/api/v1/webhooks')[0]?.json()).toEqual({
      url: 'https://works.example.org/cityfix',
      description: 'Work orders',
      event_types: ['TicketCreated', 'SlaBreached'],
      category_ids: ['cat-lights'],
      municipality_id: 'potsdam',
    });
    expect(within(form).getByRole('checkbox', { name: 'TicketCreated' })).not.toBeChecked();
    expect(await screen.findByRole('heading', { name: 'https://works.example.org/cityfix' })).toBeInTheDocument();

    unmount();
    renderWithProviders(<Integrations municipalityId="potsdam" />, { queryClient });
    expect(await screen.findByRole('heading', { name: 'https://works.example.org/cityfix' })).toBeInTheDocument();
    expect(screen.queryByText(WEBHOOK_SECRET)).not.toBeInTheDocument();
  });

  it("puts a refused destination beside the URL field and moves focus there", async () => {
    const message = 'The host 10.0.0.8 resolves to 10.0.0.8: loopback, private, link-local and other non-public addresses are refused. Use a publicly reachable https URL.';
    api({
      'POST /api/v1/webhooks': () => errorResponse(422, 'destination_refused', message, { url: 'https://10.0.0.8/hook', host: '10.0.0.8' }),
    });
    renderWithProviders(<Integrations municipalityId="potsdam" />);
    const user = userEvent.setup();
    const form = await screen.findByRole('region', { name: 'Add a webhook endpoint' });
    const url = within(form).getByRole('textbox', { name: 'URL' });

    await user.type(url, 'https://10.0.0.8/hook');
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }));

    await waitFor(() => expect(url).toHaveAccessibleDescription(expect.stringContaining(message)));
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(url).toHaveFocus();
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
    expect(url).toHaveValue('https://10.0.0.8/hook');
  });

  it('puts an unknown event type beside the event checkboxes', async () => {
    const message = 'No public event is called TicketCreated; leave event_types empty for every event, or use names from docs/events.md.';
    api({ 'POST /api/v1/webhooks': () => errorResponse(422, 'unknown_event_type', message, { unknown: ['TicketCreated'] }) });
    renderWithProviders(<Integrations municipalityId="potsdam" />);
    const user = userEvent.setup();
    const form = await screen.findByRole('region', { name: 'Add a webhook endpoint' });
    await user.type(within(form).getByRole('textbox', { name: 'URL' }), 'https://works.example.org/x');
    await user.click(within(form).getByRole('checkbox', { name: 'TicketCreated' }));
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }));

    expect(await within(form).findByRole('group', { name: 'Event types' })).toHaveAccessibleDescription(expect.stringContaining(message));
  });

  it('turns a disabled endpoint back on with a PATCH', async () => {
    const { requests } = api();
    renderWithProviders(<Integrations municipalityId="potsdam" />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Enable https://broken.example/hook' }));

    expect(await screen.findByText('https://broken.example/hook is enabled again.')).toBeInTheDocument();
    const patch = sent(requests, 'PATCH', '/api/v1/webhooks/wh-2')[0];
    expect(await patch?.json()).toEqual({ enabled: true });
    expect(await screen.findByRole('button', { name: 'Disable https://broken.example/hook' })).toBeInTheDocument();
  });

  it('rotates the secret only after confirming and shows the new one once', async () => {
    const { requests } = api();
    renderWithProviders(<Integrations municipalityId="potsdam" />);
    const user = userEvent.setup();
    const rotate = await screen.findByRole('button', { name: 'Rotate the signing secret of https://crm.potsdam.example/cityfix' });

    await user.click(rotate);
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(sent(requests, 'POST', /rotate-secret$/)).toEqual([]);

    await user.click(rotate);
    const dialog = screen.getByRole('alertdialog', { name: 'Rotate the signing secret of https://crm.potsdam.example/cityfix?' });
    expect(dialog).toHaveTextContent('the old one stops working at once');
    await user.click(within(dialog).getByRole('button', { name: 'Rotate secret' }));

    expect(await screen.findByText(ROTATED_SECRET)).toBeInTheDocument();
    expect(sent(requests, 'POST', '/api/v1/webhooks/wh-1/rotate-secret')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByText(ROTATED_SECRET)).not.toBeInTheDocument();
  });

  it('sends a test ping and opens the deliveries', async () => {
    const { requests } = api();
    renderWithProviders(<Integrations municipalityId="potsdam" />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Send a test ping to https://crm.potsdam.example/cityfix' }));

    expect(await screen.findByText(/A test ping to https:\/\/crm.potsdam.example\/cityfix is queued/)).toBeInTheDocument();
    expect(sent(requests, 'POST', '/api/v1/webhooks/wh-1/test')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Deliveries of https://crm.potsdam.example/cityfix' })).toHaveAttribute('aria-expanded', 'true');
    expect(await screen.findByRole('region', { name: 'Deliveries of https://crm.potsdam.example/cityfix' })).toBeInTheDocument();
  });

  it('refuses to ping a disabled endpoint with the API message', async () => {
    api({
      'POST /api/v1/webhooks/:id/test': () =>
        errorResponse(409, 'webhook_endpoint_disabled', 'The endpoint is disabled; enable it (PATCH with enabled: true) once its receiver works.'),
    });
    renderWithProviders(<Integrations municipalityId="potsdam" />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Send a test ping to https://broken.example/hook' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The endpoint is disabled; enable it');
  });

  it('deletes an endpoint only after confirming', async () => {
    const { requests } = api();
    renderWithProviders(<Integrations municipalityId="potsdam" />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Delete https://broken.example/hook' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(sent(requests, 'DELETE', /webhooks/)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Delete https://broken.example/hook' }));
    await user.click(within(screen.getByRole('alertdialog', { name: 'Delete https://broken.example/hook?' })).getByRole('button', { name: 'Delete' }));

    expect(await screen.findByText('https://broken.example/hook is deleted.')).toBeInTheDocument();
    expect(sent(requests, 'DELETE', '/api/v1/webhooks/wh-2')).toHaveLength(1);
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'https://broken.example/hook' })).not.toBeInTheDocument());
  });
});

describe('Integrations: deliveries', () => {
  it('shows each delivery with its attempts, loads more by cursor, and filters by status', async () => {
    const { requests } = api();
    renderWithProviders(<Integrations municipalityId="potsdam" />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Deliveries of https://crm.potsdam.example/cityfix' }));
    const panel = await screen.findByRole('region', { name: 'Deliveries of https://crm.potsdam.example/cityfix' });
    const attempts = await within(panel).findByRole('list', { name: 'Attempts' });
    const [first, second] = within(attempts).getAllByRole('listitem');
    expect(first).toHaveTextContent(/failed · HTTP 500 · 120 ms$/);
    expect(second).toHaveTextContent(/failed · connection refused · 3 ms$/);
    expect(within(panel).getByText('TicketCreated')).toBeInTheDocument();
    expect(within(panel).getByText('Failed', { selector: 'span' })).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Load more' }));
    expect(await within(panel).findByText('StatusChanged')).toBeInTheDocument();
    expect(within(panel).getAllByRole('list', { name: 'Attempts' })[1]).toHaveTextContent(/delivered · HTTP 204 · 45 ms$/);
    const pages = sent(requests, 'GET', '/api/v1/webhooks/wh-1/deliveries').map((r) => new URL(r.url).searchParams.get('cursor'));
    expect(pages).toEqual([null, 'page-2']);
    expect(within(panel).queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();

    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Show' }), 'Failed');
    await waitFor(() =>
      expect(sent(requests, 'GET', '/api/v1/webhooks/wh-1/deliveries').some((r) => new URL(r.url).searchParams.get('status') === 'failed')).toBe(true),
    );
    expect(await seriousViolations()).toEqual([]);
  });

  it('replays a delivery only after confirming', async () => {
    const { requests } = api();
    renderWithProviders(<Integrations municipalityId="potsdam" />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Deliveries of https://crm.potsdam.example/cityfix' }));
    const panel = await screen.findByRole('region', { name: 'Deliveries of https://crm.potsdam.example/cityfix' });
    const replay = await within(panel).findByRole('button', { name: /^Replay the TicketCreated delivery of / });

    await user.click(replay);
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(sent(requests, 'POST', /replay$/)).toEqual([]);

    await user.click(replay);
    const dialog = screen.getByRole('alertdialog', { name: 'Replay this TicketCreated delivery?' });
    expect(dialog).toHaveTextContent('same webhook-id');
    await user.click(within(dialog).getByRole('button', { name: 'Replay' }));

    expect(await within(panel).findByText('The TicketCreated delivery is queued again.')).toBeInTheDocument();
    expect(sent(requests, 'POST', '/api/v1/webhooks/wh-1/deliveries/del-1/replay')).toHaveLength(1);
  });
});
