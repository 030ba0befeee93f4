import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { directionsUrl } from '@/features/staff/components/work-view';
import { resetSessionForTests } from '@/lib/session';
import {
  bodyOf,
  buildCategory,
  buildStaffTicket,
  manager,
  operator,
  renderApp,
  signInAs,
} from '@/testing/staff';
import { errorResponse, jsonResponse, mockApi } from '@/testing/test-utils';

afterEach(() => {
  resetSessionForTests();
  window.localStorage.clear();
});

type Ticket = ReturnType<typeof buildStaffTicket>;

/** A fake tickets API holding one ticket whose status changes as the requests say. */
function ticketApi(
  user: typeof operator,
  initial: Ticket,
  statusAnswer?: (request: Request) => Response | undefined,
  list: Ticket[] = [],
  history?: unknown,
) {
  let ticket = initial;
  const api = mockApi({
    'GET /api/v1/tickets': () => jsonResponse({ data: list, next_cursor: null }),
    'GET /api/v1/auth/me': () => jsonResponse(user),
    'GET /api/v1/municipalities/:id/categories': () => jsonResponse({ data: [buildCategory()], next_cursor: null }),
    'GET /api/v1/users': () => jsonResponse({ data: [operator], next_cursor: null }),
    'GET /api/v1/tickets/:id/timeline': () => jsonResponse(history ?? { view: 'staff', data: [], next_cursor: null }),
    'GET /api/v1/tickets/:id/comments': () => jsonResponse({ view: 'staff', data: [], next_cursor: null }),
    'POST /api/v1/tickets/:id/status': async (request) => {
      const answer = statusAnswer?.(request);
      if (answer) return answer;
      const body = (await bodyOf(request)) as { status: Ticket['status'] };
      ticket = { ...ticket, status: body.status };
      return jsonResponse(ticket);
    },
    'PUT /api/v1/tickets/:id': async (request) => {
      const body = (await bodyOf(request)) as { priority?: Ticket['priority'] };
      ticket = { ...ticket, ...(body.priority ? { priority: body.priority } : {}) };
      return jsonResponse(ticket);
    },
    'GET /api/v1/tickets/:id': () => jsonResponse(ticket),
  });
  return api;
}

const assigned = buildStaffTicket({
  id: 't1',
  reference: 'POT-2026-0007',
  status: 'assigned',
  assigned_operator_id: operator.id,
  assigned_operator_name: operator.full_name,
  location: { lat: 52.4, lon: 13.06 },
  address: 'Lindenstraße 5, Potsdam',
});

describe('the work view', () => {
  it('shows the ticket, its category and a link with directions to the spot', async () => {
    signInAs(operator);
    ticketApi(operator, assigned);
    renderApp('/staff/tickets/t1');

    expect(await screen.findByRole('heading', { level: 1, name: 'POT-2026-0007' })).toBeInTheDocument();
    expect(screen.getByText('Lindenstraße 5, Potsdam')).toBeInTheDocument();
    expect(await screen.findByText('Pothole')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Directions to POT-2026-0007 (opens OpenStreetMap)' })).toHaveAttribute(
      'href',
      'https://www.openstreetmap.org/directions?to=52.4%2C13.06',
    );
    expect(screen.getByRole('link', { name: 'Open in a maps app' })).toHaveAttribute('href', 'geo:52.4,13.06');
    expect(directionsUrl({ lat: 1.5, lon: -2 })).toBe('https://www.openstreetmap.org/directions?to=1.5%2C-2');
  });

  it('lets the operator start work, then resolve with a note', async () => {
    signInAs(operator);
    const { requests } = ticketApi(operator, assigned);
    renderApp('/staff/tickets/t1');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Start work' }));
    expect(await screen.findByText('Status is now: In progress.')).toBeInTheDocument();
    const start = requests.find((r) => r.method === 'POST');
    expect(start?.url).toMatch(/\/api\/v1\/tickets\/t1\/status$/);
    expect(await bodyOf(start as Request)).toEqual({ status: 'in_progress', photo_ids: [] });

    // Now in progress: no "Start work" any more; resolving asks for a note first.
    expect(screen.queryByRole('button', { name: 'Start work' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Resolve' }));
    const form = screen.getByRole('form', { name: 'Resolve: POT-2026-0007' });
    await user.click(within(form).getByRole('button', { name: 'Confirm' }));
    expect(within(form).getByText('Please write a note.')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);

    await user.type(within(form).getByLabelText(/^Note/), 'Filled with asphalt.');
    await user.click(within(form).getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText('Status is now: Resolved.')).toBeInTheDocument();
    const resolve = requests.filter((r) => r.method === 'POST')[1];
    expect(await bodyOf(resolve as Request)).toEqual({ status: 'resolved', note: 'Filled with asphalt.', photo_ids: [] });
    expect(screen.getByText('No status change is open to you now.')).toBeInTheDocument();
  });

  it("shows the API's message when the change is refused", async () => {
    signInAs(operator);
    ticketApi(operator, assigned, () =>
      errorResponse(409, 'transition_not_allowed', 'The ticket is resolved already; reload to see its state.'),
    );
    renderApp('/staff/tickets/t1');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Start work' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The ticket is resolved already; reload to see its state.',
    );
  });

  it('shows the history with the notes of each change', async () => {
    signInAs(manager);
    ticketApi(manager, { ...assigned, status: 'resolved' }, undefined, [], {
      view: 'staff',
      next_cursor: null,
      data: [
        { sequence: 1, kind: 'created', event_type: 'TicketCreated', at: '2026-11-20T09:30:00Z', actor_role: 'citizen', by_reporter: true },
        { sequence: 2, kind: 'comment', event_type: 'CommentAdded', at: '2026-11-20T10:00:00Z', actor_role: 'citizen', body: 'Still there' },
        {
          sequence: 3,
          kind: 'status_changed',
          event_type: 'StatusChanged',
          at: '2026-11-21T10:00:00Z',
          actor_role: 'operator',
          actor_name: 'Olga Operator',
          from: 'in_progress',
          to: 'resolved',
          note: 'Filled with asphalt.',
        },
      ],
    });
    renderApp('/staff/tickets/t1');
    const history = await screen.findByRole('region', { name: 'History' });
    expect(await within(history).findByText('Status changed to Resolved')).toBeInTheDocument();
    expect(within(history).getByText('Filled with asphalt.')).toBeInTheDocument();
    expect(within(history).getByText(/Olga Operator/)).toBeInTheDocument();
    expect(within(history).getByText(/reporter/)).toBeInTheDocument();
    // Comments are listed under Comments, not twice.
    expect(within(history).queryByText('Still there')).not.toBeInTheDocument();
  });

  it('offers the operator no status change on a ticket that is not theirs', async () => {
    signInAs(operator);
    ticketApi(operator, { ...assigned, assigned_operator_id: 'operator-2', assigned_operator_name: 'Otto' });
    renderApp('/staff/tickets/t1');
    expect(await screen.findByText('No status change is open to you now.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Start work' })).not.toBeInTheDocument();
  });

  it('gives managers the whole table and the assignment', async () => {
    signInAs(manager);
    ticketApi(manager, assigned);
    renderApp('/staff/tickets/t1');
    const status = await screen.findByRole('region', { name: 'Status' });
    expect(within(status).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Start work',
      'Schedule action',
      'Resolve',
      'Mark duplicate',
      'Not responsible',
      'Unable to fix',
    ]);
    expect(screen.getByRole('button', { name: 'Unassign' })).toBeInTheDocument();
    expect(await screen.findByRole('option', { name: 'Olga Operator' })).toBeInTheDocument();
  });

  it('changes the priority, sending only what changed', async () => {
    signInAs(manager);
    const { requests } = ticketApi(manager, assigned);
    renderApp('/staff/tickets/t1');
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Priority and category' });
    const save = within(form).getByRole('button', { name: 'Save priority and category' });
    expect(save).toBeDisabled();
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Priority' }), 'Urgent');
    await user.click(save);
    expect(await within(form).findByText('Saved. A new category sets a new due time.')).toBeInTheDocument();
    const put = requests.find((r) => r.method === 'PUT');
    expect(await bodyOf(put as Request)).toEqual({ priority: 'urgent' });
    expect(screen.getByText('Priority: Urgent')).toBeInTheDocument();
  });

  it('marks a duplicate by the original reference, sending its id', async () => {
    signInAs(manager);
    const { requests } = ticketApi(
      manager,
      buildStaffTicket({ id: 't1', reference: 'POT-9', status: 'received' }),
      undefined,
      [buildStaffTicket({ id: 'other', reference: 'POT-33' }), buildStaffTicket({ id: 'original-id', reference: 'POT-3' })],
    );
    renderApp('/staff/tickets/t1');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Mark duplicate' }));
    await user.type(screen.getByLabelText('Original ticket (reference or id)'), 'POT-3');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText('Status is now: Duplicate.')).toBeInTheDocument();
    const search = requests.find((r) => new URL(r.url).pathname === '/api/v1/tickets');
    expect(new URL(search?.url ?? '').searchParams.get('q')).toBe('POT-3');
    const post = requests.find((r) => r.method === 'POST');
    expect(await bodyOf(post as Request)).toEqual({ status: 'duplicate', duplicate_of: 'original-id', photo_ids: [] });
  });
});
