import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { resetSessionForTests } from '@/lib/session';
import { buildUser } from '@/testing/fixtures';
import { admin, buildCategory, buildStaffTicket, manager, operator, renderApp, signInAs } from '@/testing/staff';
import { jsonResponse, mockApi } from '@/testing/test-utils';

afterEach(() => {
  resetSessionForTests();
  window.localStorage.clear();
});

function api(me: ReturnType<typeof buildUser>) {
  return mockApi({
    'GET /api/v1/auth/me': () => jsonResponse(me),
    'GET /api/v1/tickets/assigned': () => jsonResponse({ data: [], next_cursor: null }),
    'GET /api/v1/tickets': () => jsonResponse({ data: [], next_cursor: null }),
    'GET /api/v1/municipalities/:id/categories': () => jsonResponse({ data: [buildCategory()], next_cursor: null }),
    'GET /api/v1/users': () => jsonResponse({ data: [operator], next_cursor: null }),
  });
}

describe('staff routes', () => {
  it.each(['/staff/queue', '/staff/triage', '/staff/tickets/t1'])('send a signed-out visitor of %s to /login', async (path) => {
    const router = renderApp(path);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe(path);
  });

  it('tell a citizen plainly that the queue is not for them', async () => {
    const citizen = buildUser();
    signInAs(citizen);
    api(citizen);
    renderApp('/staff/queue');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'This page is for operators or managers. You are signed in as Ada Citizen (citizen).',
    );
  });

  it('keep operators out of the triage inbox', async () => {
    signInAs(operator);
    api(operator);
    renderApp('/staff/triage');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('This page is for managers.');
  });

  it('show an operator their queue in the header', async () => {
    signInAs(operator);
    api(operator);
    renderApp('/staff/queue');
    expect(await screen.findByRole('heading', { level: 1, name: 'My queue' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'My queue' })).toHaveAttribute('href', '/staff/queue');
    expect(within(nav).queryByRole('link', { name: 'Triage' })).not.toBeInTheDocument();
  });

  it('show a manager the triage inbox, tickets and overdue in the header', async () => {
    signInAs(manager);
    api(manager);
    renderApp('/staff/triage');
    expect(await screen.findByRole('heading', { level: 1, name: 'Triage inbox' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Triage' })).toHaveAttribute('href', '/staff/triage');
    expect(within(nav).getByRole('link', { name: 'Tickets' })).toHaveAttribute('href', '/staff/tickets');
    expect(within(nav).getByRole('link', { name: 'Overdue' })).toHaveAttribute('href', '/staff/overdue');
    expect(within(nav).queryByRole('link', { name: 'My queue' })).not.toBeInTheDocument();
  });

  it("show a manager every operator's queue under its own title", async () => {
    signInAs(manager);
    const { requests } = api(manager);
    renderApp('/staff/queue');
    expect(await screen.findByRole('heading', { level: 1, name: 'Operators’ queues' })).toBeInTheDocument();
    const queue = requests.find((r) => new URL(r.url).pathname === '/api/v1/tickets/assigned');
    expect(new URL(queue?.url ?? '').searchParams.get('operator_id')).toBeNull();
  });

  it('show citizens no staff entries', async () => {
    const citizen = buildUser();
    signInAs(citizen);
    api(citizen);
    renderApp('/no/such/page');
    await screen.findByRole('button', { name: 'Sign out' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Triage' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'My queue' })).not.toBeInTheDocument();
  });

  it('list the operator queue by due time with overdue tickets marked', async () => {
    signInAs(operator);
    mockApi({
      'GET /api/v1/auth/me': () => jsonResponse(operator),
      'GET /api/v1/municipalities/:id/categories': () => jsonResponse({ data: [buildCategory()], next_cursor: null }),
      'GET /api/v1/tickets/assigned': () =>
        jsonResponse({
          data: [
            buildStaffTicket({ id: 'b', reference: 'POT-2', status: 'in_progress', due_at: '2999-01-01T00:00:00Z' }),
            buildStaffTicket({
              id: 'a',
              reference: 'POT-1',
              status: 'assigned',
              due_at: '2020-01-01T00:00:00Z',
              address: 'Am Kanal 3, Potsdam',
            }),
          ],
          next_cursor: null,
        }),
    });
    renderApp('/staff/queue');
    const first = await screen.findByRole('link', { name: 'Open POT-1' });
    const items = screen.getAllByRole('listitem');
    expect(within(items[0] as HTMLElement).getByRole('link')).toBe(first);
    expect(first).toHaveAttribute('href', '/staff/tickets/a');
    expect(within(items[0] as HTMLElement).getByText(/Overdue since/)).toBeInTheDocument();
    expect(within(items[0] as HTMLElement).getByText('Am Kanal 3, Potsdam')).toBeInTheDocument();
    expect(await within(items[0] as HTMLElement).findByText('Pothole')).toBeInTheDocument();
    expect(within(items[1] as HTMLElement).queryByText(/Overdue/)).not.toBeInTheDocument();
    expect(within(items[1] as HTMLElement).getByText('In progress')).toBeInTheDocument();
  });

  it('show an admin the staff ticket pages but not the queue', async () => {
    signInAs(admin);
    api(admin);
    renderApp('/staff/queue');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Tickets' })).toBeInTheDocument();
  });

  it('show the API message when the queue cannot load', async () => {
    signInAs(operator);
    mockApi({
      'GET /api/v1/auth/me': () => jsonResponse(operator),
      'GET /api/v1/municipalities/:id/categories': () => jsonResponse({ data: [], next_cursor: null }),
      'GET /api/v1/tickets/assigned': () =>
        jsonResponse(
          { error: { code: 'forbidden', message: 'Only operators and managers have a queue.', details: null } },
          403,
        ),
    });
    renderApp('/staff/queue');
    expect(await screen.findByText('Only operators and managers have a queue.')).toBeInTheDocument();
  });
});
