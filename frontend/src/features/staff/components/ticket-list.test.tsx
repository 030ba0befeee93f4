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

const tickets = [
  buildStaffTicket({ id: 't1', reference: 'POT-1', status: 'received' }),
  buildStaffTicket({ id: 't2', reference: 'POT-2', status: 'triaged' }),
  buildStaffTicket({ id: 't3', reference: 'POT-3', status: 'resolved' }),
];

function listApi() {
  return mockApi({
    'GET /api/v1/auth/me': () => jsonResponse(manager),
    'GET /api/v1/municipalities/:id/categories': () =>
      jsonResponse({ data: [buildCategory(), buildCategory({ id: 'category-2', name: 'Streetlight' })], next_cursor: null }),
    'GET /api/v1/users': () => jsonResponse({ data: [operator], next_cursor: null }),
    'GET /api/v1/tickets': (_request, url) =>
      jsonResponse(
        url.searchParams.get('cursor')
          ? { data: [buildStaffTicket({ id: 't4', reference: 'POT-4', status: 'received' })], next_cursor: null }
          : { data: tickets, next_cursor: 'page-2' },
      ),
    'POST /api/v1/tickets/:id/assignment': (request) =>
      request.url.includes('/t2/')
        ? errorResponse(409, 'ticket_changed', 'Someone changed POT-2 at the same time; please try again.')
        : jsonResponse(tickets[0]),
  });
}

const lastListQuery = (requests: Request[]) => {
  const lists = requests.filter((r) => r.method === 'GET' && new URL(r.url).pathname === '/api/v1/tickets');
  return new URL(lists.at(-1)?.url ?? '').searchParams;
};

describe('the staff ticket list', () => {
  it('asks again with each filter chosen', async () => {
    signInAs(manager);
    const { requests } = listApi();
    renderApp('/staff/tickets');
    const user = userEvent.setup();
    await screen.findByRole('link', { name: 'Open POT-1' });
    const filters = screen.getByRole('form', { name: 'Filters' });

    await user.click(within(filters).getByRole('checkbox', { name: 'In progress' }));
    await user.selectOptions(await within(filters).findByRole('combobox', { name: 'Category' }), 'Streetlight');
    await user.selectOptions(within(filters).getByRole('combobox', { name: 'Operator' }), 'Olga Operator');
    await user.click(within(filters).getByRole('checkbox', { name: 'Overdue only' }));
    await user.type(within(filters).getByRole('searchbox', { name: 'Search text or reference' }), 'lamp');
    await user.click(within(filters).getByRole('button', { name: 'Search' }));

    await expect.poll(() => lastListQuery(requests).get('q')).toBe('lamp');
    const query = lastListQuery(requests);
    expect(query.getAll('status')).toEqual(['in_progress']);
    expect(query.get('category_id')).toBe('category-2');
    expect(query.get('assigned_operator_id')).toBe(operator.id);
    expect(query.get('overdue')).toBe('true');
  });

  it('loads the next page with the cursor', async () => {
    signInAs(manager);
    const { requests } = listApi();
    renderApp('/staff/tickets');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('link', { name: 'Open POT-4' })).toBeInTheDocument();
    expect(lastListQuery(requests).get('cursor')).toBe('page-2');
  });

  it('assigns the selected tickets and names the one that failed, with the reason', async () => {
    signInAs(manager);
    const { requests } = listApi();
    renderApp('/staff/tickets');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('checkbox', { name: 'Select POT-1' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select POT-2' }));
    // A resolved ticket cannot be assigned, so it offers no checkbox.
    expect(screen.queryByRole('checkbox', { name: 'Select POT-3' })).not.toBeInTheDocument();

    const bulk = screen.getByRole('region', { name: /Assign the selected tickets/ });
    await user.selectOptions(within(bulk).getByRole('combobox', { name: 'Assign selected to' }), 'Olga Operator');
    await user.click(within(bulk).getByRole('button', { name: 'Assign 2 tickets' }));

    const alert = await within(bulk).findByRole('alert');
    expect(alert).toHaveTextContent('1 of 2 tickets were assigned; these were not:');
    expect(alert).toHaveTextContent('POT-2: Someone changed POT-2 at the same time; please try again.');
    const posts = requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => new URL(r.url).pathname).sort()).toEqual([
      '/api/v1/tickets/t1/assignment',
      '/api/v1/tickets/t2/assignment',
    ]);
    expect(await bodyOf(posts[0] as Request)).toEqual({ operator_id: operator.id });
    // The failed one stays selected for another try; the assigned one is no longer selected.
    expect(screen.getByRole('checkbox', { name: 'Select POT-2' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Select POT-1' })).not.toBeChecked();
  });
});
