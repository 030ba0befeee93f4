import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { badRegions, rectangleBetween } from '@/features/staff/components/redaction-editor';
import { resetSessionForTests } from '@/lib/session';
import { bodyOf, buildCategory, buildStaffTicket, manager, operator, renderApp, signInAs } from '@/testing/staff';
import { errorResponse, jsonResponse, mockApi } from '@/testing/test-utils';

const ticket = buildStaffTicket({
  id: 't1',
  reference: 'POT-5',
  status: 'triaged',
  description: 'Call 0151 123 about the hole',
  photo_ids: ['m1', 'm2'],
  hidden_photo_ids: ['m2'],
});

const moderationView = {
  ticket_id: 't1',
  reference: 'POT-5',
  hidden: false,
  description: ticket.description,
  original_description: ticket.description,
  entries: [],
};

function api(overrides: Record<string, (request: Request, url: URL) => Response | Promise<Response>> = {}) {
  return mockApi({
    'GET /api/v1/auth/me': () => jsonResponse(manager),
    'GET /api/v1/municipalities/municipality-a/categories': () => jsonResponse({ data: [buildCategory()], next_cursor: null }),
    'GET /api/v1/municipalities/municipality-b/categories': () =>
      jsonResponse({
        data: [
          buildCategory({ id: 'b-roads', municipality_id: 'municipality-b', name: 'Roads B' }),
          buildCategory({ id: 'b-old', municipality_id: 'municipality-b', name: 'Old', active: false }),
        ],
        next_cursor: null,
      }),
    'GET /api/v1/municipalities': () =>
      jsonResponse({
        data: [
          { id: 'municipality-a', name: 'Potsdam', slug: 'potsdam', reference_prefix: 'POT', timezone: 'Europe/Berlin', default_locale: 'de', active: true },
          { id: 'municipality-b', name: 'Werder', slug: 'werder', reference_prefix: 'WER', timezone: 'Europe/Berlin', default_locale: 'de', active: true },
        ],
        next_cursor: null,
      }),
    'GET /api/v1/users': () => jsonResponse({ data: [operator], next_cursor: null }),
    'GET /api/v1/tickets/t1/timeline': () => jsonResponse({ view: 'staff', data: [], next_cursor: null }),
    'GET /api/v1/tickets/t1/comments': () => jsonResponse({ view: 'staff', data: [], next_cursor: null }),
    'GET /api/v1/tickets/t1/moderation': () => jsonResponse(moderationView),
    'GET /api/v1/media/:id/original': () => new Response(new Uint8Array([255, 216, 255]), { headers: { 'Content-Type': 'image/jpeg' } }),
    'GET /api/v1/media/:id': () => new Response(new Uint8Array([255, 216, 255]), { headers: { 'Content-Type': 'image/jpeg' } }),
    'GET /api/v1/tickets/t1': () => jsonResponse(ticket),
    ...overrides,
  });
}

beforeEach(() => {
  // jsdom has no object URLs; photos are fetched with the session and shown through one.
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:photo');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
});

afterEach(() => {
  resetSessionForTests();
  window.localStorage.clear();
});

describe('moderation on the work view', () => {
  it("edits the report's public text with a reason", async () => {
    signInAs(manager);
    const { requests } = api({
      'PATCH /api/v1/tickets/t1/moderation': () => jsonResponse({ ...moderationView, description: 'About the hole' }),
    });
    renderApp('/staff/tickets/t1');
    const user = userEvent.setup();
    const text = await screen.findByRole('textbox', { name: 'Public text of the report' });
    await user.clear(text);
    await user.type(text, 'About the hole');
    await user.type(screen.getByRole('textbox', { name: 'Reason (kept for staff, never published)' }), 'phone number');
    await user.click(screen.getByRole('button', { name: 'Save public text' }));
    expect(await screen.findByText('The public text was changed.')).toBeInTheDocument();
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(await bodyOf(patch as Request)).toEqual({ description: 'About the hole', reason: 'phone number' });
  });

  it('hides the ticket from the public', async () => {
    signInAs(manager);
    let current = moderationView;
    const { requests } = api({
      'GET /api/v1/tickets/t1/moderation': () => jsonResponse(current),
      'PATCH /api/v1/tickets/t1/moderation': () => {
        current = { ...moderationView, hidden: true };
        return jsonResponse(current);
      },
    });
    renderApp('/staff/tickets/t1');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Hide ticket from the public' }));
    expect(await screen.findByRole('button', { name: 'Show ticket to the public' })).toBeInTheDocument();
    expect(await bodyOf(requests.find((r) => r.method === 'PATCH') as Request)).toEqual({ hidden: true });
  });

  it('hides one photo and offers to show the hidden one again', async () => {
    signInAs(manager);
    const { requests } = api({
      'PATCH /api/v1/media/m1/moderation': () =>
        jsonResponse({ id: 'm1', ticket_id: 't1', hidden: true, redacted: false, width: 800, height: 600 }),
    });
    renderApp('/staff/tickets/t1');
    const user = userEvent.setup();
    expect(await screen.findByRole('button', { name: 'Show photo 2' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Hide photo 1' }));
    expect(await screen.findByRole('button', { name: 'Show photo 1' })).toBeInTheDocument();
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(new URL(patch?.url ?? '').pathname).toBe('/api/v1/media/m1/moderation');
    expect(await bodyOf(patch as Request)).toEqual({ hidden: true });
    expect(screen.getAllByRole('img', { name: /Photo \d of POT-5/ })).toHaveLength(2);
  });

  it('redacts a rectangle typed in with the keyboard', async () => {
    signInAs(manager);
    const { requests } = api({
      'PUT /api/v1/media/m1/redaction': () =>
        jsonResponse({ id: 'm1', ticket_id: 't1', hidden: false, redacted: true, width: 800, height: 600, regions: [] }),
    });
    renderApp('/staff/tickets/t1');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Redact photo 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Redact photo 1' });
    await user.click(within(dialog).getByRole('button', { name: 'Add rectangle' }));
    const region = within(dialog).getByRole('group', { name: 'Rectangle 1' });
    const left = within(region).getByRole('spinbutton', { name: 'Left' });
    await user.clear(left);
    await user.type(left, '40');
    const width = within(region).getByRole('spinbutton', { name: 'Width' });
    await user.clear(width);
    await user.type(width, '0');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Rectangles 1 must lie inside the photo');
    expect(within(dialog).getByRole('button', { name: 'Apply redaction' })).toBeDisabled();
    await user.clear(width);
    await user.type(width, '60');
    await user.selectOptions(within(region).getByRole('combobox', { name: 'Style' }), 'Black');
    await user.click(within(dialog).getByRole('button', { name: 'Apply redaction' }));
    expect(await within(dialog).findByText('The public now sees the redacted photo.')).toBeInTheDocument();
    const put = requests.find((r) => r.method === 'PUT');
    expect(new URL(put?.url ?? '').pathname).toBe('/api/v1/media/m1/redaction');
    expect(await bodyOf(put as Request)).toEqual({ regions: [{ x: 40, y: 0, width: 60, height: 100, style: 'black' }] });
  });

  it("shows the API's refusal of a redaction", async () => {
    signInAs(manager);
    api({
      'PUT /api/v1/media/m1/redaction': () =>
        errorResponse(422, 'region_outside_photo', 'Region 1 reaches outside the photo, which is 80×60 px.'),
    });
    renderApp('/staff/tickets/t1');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Redact photo 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Redact photo 1' });
    await user.click(within(dialog).getByRole('button', { name: 'Add rectangle' }));
    await user.click(within(dialog).getByRole('button', { name: 'Apply redaction' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Region 1 reaches outside the photo');
  });

  it('transfers the ticket to an active category of another municipality', async () => {
    signInAs(manager);
    const { requests } = api({
      'POST /api/v1/tickets/t1/transfer': () =>
        jsonResponse({ ...ticket, view: 'public', municipality_id: 'municipality-b', reference: 'WER-1' }),
    });
    renderApp('/staff/tickets/t1');
    const user = userEvent.setup();
    const toggle = await screen.findByRole('button', { name: 'Transfer to another municipality' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    const municipality = screen.getByRole('combobox', { name: 'Municipality' });
    await screen.findByRole('option', { name: 'Werder' });
    expect(within(municipality).queryByRole('option', { name: 'Potsdam' })).not.toBeInTheDocument();
    await user.selectOptions(municipality, 'Werder');
    const category = screen.getByRole('combobox', { name: 'Category there' });
    await screen.findByRole('option', { name: 'Roads B' });
    expect(within(category).queryByRole('option', { name: 'Old' })).not.toBeInTheDocument();
    await user.selectOptions(category, 'Roads B');
    await user.type(screen.getByRole('textbox', { name: 'Why it moves' }), 'Across the border');
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    expect(await screen.findByText('Transferred. Its new reference is WER-1.')).toBeInTheDocument();
    const post = requests.find((r) => r.method === 'POST');
    expect(await bodyOf(post as Request)).toEqual({
      municipality_id: 'municipality-b',
      category_id: 'b-roads',
      note: 'Across the border',
    });
  });

  it('shows no moderation to operators', async () => {
    signInAs(operator);
    api({ 'GET /api/v1/auth/me': () => jsonResponse(operator) });
    renderApp('/staff/tickets/t1');
    await screen.findByRole('heading', { level: 1, name: 'POT-5' });
    expect(screen.queryByRole('heading', { name: 'Moderation' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Hide photo 1' })).not.toBeInTheDocument();
  });
});

describe('redaction rectangles', () => {
  it('normalise a drag in any direction and stay inside the photo', () => {
    const size = { width: 800, height: 600 };
    expect(rectangleBetween({ x: 300.4, y: 200.6 }, { x: 100, y: 50 }, size)).toEqual({ x: 100, y: 50, width: 200, height: 151 });
    expect(rectangleBetween({ x: 700, y: 500 }, { x: 900, y: 700 }, size)).toEqual({ x: 700, y: 500, width: 100, height: 100 });
  });

  it('name the rectangles the API would refuse', () => {
    const size = { width: 100, height: 100 };
    expect(
      badRegions(
        [
          { x: 0, y: 0, width: 100, height: 100 },
          { x: 50, y: 0, width: 51, height: 10 },
          { x: 0, y: 0, width: 0, height: 10 },
        ],
        size,
      ),
    ).toEqual([2, 3]);
    expect(badRegions([{ x: 500, y: 0, width: 10, height: 10 }], null)).toEqual([]);
  });
});
