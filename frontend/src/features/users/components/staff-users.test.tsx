import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { StaffUsers } from '@/features/users/components/staff-users';
import { seriousViolations } from '@/testing/axe';
import { buildUser } from '@/testing/fixtures';
import { errorResponse, jsonResponse, mockApi, renderWithProviders } from '@/testing/test-utils';

const olga = buildUser({ id: 'op-1', full_name: 'Olga Operator', email: 'olga@potsdam.example', role: 'operator', municipality_id: 'potsdam' });
const otto = buildUser({ id: 'op-2', full_name: 'Otto Off', email: 'otto@potsdam.example', role: 'operator', municipality_id: 'potsdam', active: false, email_verified: false });

function api(overrides: Parameters<typeof mockApi>[0] = {}) {
  let people = [olga, otto];
  return mockApi({
    'GET /api/v1/users': () => jsonResponse({ data: people, next_cursor: null }),
    'PATCH /api/v1/users/:id': async (request, url) => {
      const id = url.pathname.split('/').pop();
      const changes = (await request.json()) as { active: boolean };
      people = people.map((p) => (p.id === id ? { ...p, ...changes } : p));
      return jsonResponse(people.find((p) => p.id === id));
    },
    'POST /api/v1/users': async (request) => {
      const body = (await request.json()) as { full_name: string; email: string; role: 'operator' };
      return jsonResponse(buildUser({ id: 'new', full_name: body.full_name, email: body.email, role: body.role, email_verified: false }), 201);
    },
    ...overrides,
  });
}

describe('StaffUsers', () => {
  it("lists a municipality's operators with their state", async () => {
    const { requests } = api();
    renderWithProviders(<StaffUsers role="operator" municipalityId="potsdam" />);

    const olgaRow = (await screen.findByRole('rowheader', { name: /^Olga Operator/ })).closest('tr') as HTMLElement;
    expect(within(olgaRow).getByText('Active')).toBeInTheDocument();
    expect(within(olgaRow).getByText('olga@potsdam.example')).toBeInTheDocument();
    const ottoRow = screen.getByRole('rowheader', { name: /^Otto Off/ }).closest('tr') as HTMLElement;
    expect(within(ottoRow).getByText('Deactivated')).toBeInTheDocument();
    expect(within(ottoRow).getByText('Email not confirmed yet')).toBeInTheDocument();
    const query = new URL(requests[0]?.url ?? '').searchParams;
    expect(query.get('role')).toBe('operator');
    expect(query.get('municipality_id')).toBe('potsdam');
    expect(await seriousViolations()).toEqual([]);
  });

  it('deactivates only after confirming, and Cancel changes nothing', async () => {
    const { requests } = api();
    renderWithProviders(<StaffUsers role="operator" municipalityId="potsdam" />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Deactivate Olga Operator' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Deactivate Olga Operator?' });
    expect(dialog).toHaveTextContent('is signed out at once');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'PATCH')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Deactivate Olga Operator' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Deactivate' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Olga Operator is deactivated.');
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(patch?.url).toMatch(/\/api\/v1\/users\/op-1$/);
    expect(await patch?.json()).toEqual({ active: false });
    expect(await screen.findByRole('button', { name: 'Reactivate Olga Operator' })).toBeInTheDocument();
  });

  it('reactivates a deactivated account after confirming', async () => {
    const { requests } = api();
    renderWithProviders(<StaffUsers role="operator" municipalityId="potsdam" />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Reactivate Otto Off' }));
    await user.click(within(screen.getByRole('alertdialog', { name: 'Reactivate Otto Off?' })).getByRole('button', { name: 'Reactivate' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Otto Off is active again.');
    expect(await requests.find((r) => r.method === 'PATCH')?.json()).toEqual({ active: true });
  });

  it('creates an operator of the municipality without a password: the API emails a link', async () => {
    const { requests } = api();
    renderWithProviders(<StaffUsers role="operator" municipalityId="potsdam" />);
    const user = userEvent.setup();
    const form = await screen.findByRole('region', { name: 'Add an operator' });

    await user.type(within(form).getByLabelText('Full name'), 'Paula Neu');
    await user.type(within(form).getByLabelText('Email'), 'paula@potsdam.example');
    await user.click(within(form).getByRole('button', { name: 'Create account' }));

    expect(await within(form).findByRole('status')).toHaveTextContent(
      'Account created for Paula Neu. We emailed paula@potsdam.example a link to choose a password.',
    );
    expect(await requests.find((r) => r.method === 'POST')?.json()).toEqual({
      role: 'operator',
      full_name: 'Paula Neu',
      email: 'paula@potsdam.example',
      municipality_id: 'potsdam',
    });
    expect(within(form).getByLabelText('Full name')).toHaveValue('');
  });

  it("lets an admin create a manager for a chosen municipality, and shows the API's refusal beside the field", async () => {
    const { requests } = api({
      'GET /api/v1/users': () => jsonResponse({ data: [], next_cursor: null }),
      'POST /api/v1/users': () =>
        errorResponse(422, 'validation_failed', 'Some fields are missing or not valid; see details.', {
          fields: [{ field: 'password', problem: 'This password is too common; choose another.' }],
        }),
    });
    renderWithProviders(
      <StaffUsers role="manager" municipalities={[{ id: 'potsdam', name: 'Potsdam' }, { id: 'werder', name: 'Werder (Havel)' }]} />,
    );
    const user = userEvent.setup();
    expect(await screen.findByText('No managers yet.')).toBeInTheDocument();
    const form = screen.getByRole('region', { name: 'Add a manager' });

    await user.type(within(form).getByLabelText('Full name'), 'Max Leiter');
    await user.type(within(form).getByLabelText('Email'), 'max@werder.example');
    await user.selectOptions(within(form).getByLabelText('Municipality'), 'Werder (Havel)');
    await user.type(within(form).getByLabelText('Password (optional)'), 'password123');
    await user.click(within(form).getByRole('button', { name: 'Create account' }));

    const password = within(form).getByLabelText('Password (optional)');
    await screen.findByRole('alert');
    expect(password).toHaveAccessibleDescription(expect.stringContaining('This password is too common'));
    expect(await requests.find((r) => r.method === 'POST')?.json()).toEqual({
      role: 'manager',
      full_name: 'Max Leiter',
      email: 'max@werder.example',
      municipality_id: 'werder',
      password: 'password123',
    });
    expect(new URL(requests[0]?.url ?? '').searchParams.get('municipality_id')).toBeNull();
  });
});
