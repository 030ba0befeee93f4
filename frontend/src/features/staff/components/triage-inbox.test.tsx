import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { resetSessionForTests } from '@/lib/session';
import { bodyOf, buildCategory, buildStaffTicket, manager, operator, renderApp, signInAs } from '@/testing/staff';
import { errorResponse, jsonResponse, mockApi } from '@/testing/test-utils';

afterEach(() => {
  resetSessionForTests();
  window.localStorage.clear();
});

const newTicket = buildStaffTicket({ id: 't1', reference: 'POT-2026-0001', status: 'received' });
const reopened = buildStaffTicket({ id: 't2', reference: 'POT-2026-0002', status: 'reopened' });

function triageApi(assign: (request: Request) => Response | Promise<Response>) {
  let inbox = [newTicket, reopened];
  return mockApi({
    'GET /api/v1/auth/me': () => jsonResponse(manager),
    'GET /api/v1/municipalities/:id/categories': () => jsonResponse({ data: [buildCategory()], next_cursor: null }),
    'GET /api/v1/users': () =>
      jsonResponse({ data: [operator, { ...operator, id: 'operator-2', full_name: 'Otto Operator' }], next_cursor: null }),
    'GET /api/v1/tickets': () => jsonResponse({ data: inbox, next_cursor: null }),
    'POST /api/v1/tickets/:id/assignment': async (request) => {
      const answer = await assign(request);
      if (answer.ok) inbox = inbox.filter((t) => !request.url.includes(`/tickets/${t.id}/`));
      return answer;
    },
  });
}

describe('the triage inbox', () => {
  it('asks for received and reopened tickets, oldest first', async () => {
    signInAs(manager);
    const { requests } = triageApi(() => jsonResponse(newTicket));
    renderApp('/staff/triage');
    expect(await screen.findByRole('link', { name: 'Open POT-2026-0001' })).toBeInTheDocument();
    const list = requests.find((r) => new URL(r.url).pathname === '/api/v1/tickets');
    const params = new URL(list?.url ?? '').searchParams;
    expect(params.getAll('status')).toEqual(['received', 'reopened']);
    expect(params.get('sort')).toBe('created_at');
    expect(params.get('order')).toBe('asc');
    const operators = requests.find((r) => new URL(r.url).pathname === '/api/v1/users');
    expect(new URL(operators?.url ?? '').searchParams.get('role')).toBe('operator');
  });

  it('assigns a ticket to the chosen operator', async () => {
    signInAs(manager);
    const { requests } = triageApi(() =>
      jsonResponse({ ...newTicket, status: 'assigned', assigned_operator_id: operator.id, assigned_operator_name: 'Olga Operator' }),
    );
    renderApp('/staff/triage');
    const user = userEvent.setup();
    const select = await screen.findByRole('combobox', { name: 'Operator for POT-2026-0001' });
    await screen.findAllByRole('option', { name: 'Olga Operator' });
    await user.selectOptions(select, 'Olga Operator');
    await user.click(screen.getByRole('button', { name: 'Assign POT-2026-0001' }));

    expect(await screen.findByText('POT-2026-0001: Assigned to Olga Operator.')).toBeInTheDocument();
    const post = requests.find((r) => r.method === 'POST');
    expect(new URL(post?.url ?? '').pathname).toBe('/api/v1/tickets/t1/assignment');
    expect(await bodyOf(post as Request)).toEqual({ operator_id: operator.id });
    // The assigned ticket has left the inbox.
    expect(await screen.findByRole('link', { name: 'Open POT-2026-0002' })).toBeInTheDocument();
    await expect.poll(() => screen.queryByRole('link', { name: 'Open POT-2026-0001' })).toBeNull();
  });

  it("shows the API's reason when an assignment is refused", async () => {
    signInAs(manager);
    triageApi(() => errorResponse(422, 'not_an_operator', 'Olga is no longer an active operator here.'));
    renderApp('/staff/triage');
    const user = userEvent.setup();
    await screen.findAllByRole('option', { name: 'Olga Operator' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Operator for POT-2026-0001' }), 'Olga Operator');
    await user.click(screen.getByRole('button', { name: 'Assign POT-2026-0001' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Olga is no longer an active operator here.');
  });

  it('offers triage and the closing moves per ticket', async () => {
    signInAs(manager);
    triageApi(() => jsonResponse(newTicket));
    renderApp('/staff/triage');
    const actions = await screen.findByRole('region', { name: 'Actions for POT-2026-0001' });
    expect(within(actions).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Triage',
      'Mark duplicate',
      'Not responsible',
      'Unable to fix',
    ]);
  });
});
