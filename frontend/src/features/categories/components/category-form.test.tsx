import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import type { Category } from '@/features/categories/api/get-categories';
import { CategoryForm } from '@/features/categories/components/category-form';
import { CategoryList } from '@/features/categories/components/category-list';
import { seriousViolations } from '@/testing/axe';
import { buildUser } from '@/testing/fixtures';
import { errorResponse, jsonResponse, mockApi, renderWithProviders } from '@/testing/test-utils';

const light: Category = {
  id: 'cat-light',
  code: 'light',
  name: 'Street light',
  group: '',
  description: 'A lamp that is out.',
  active: true,
  municipality_id: 'potsdam',
  created_at: '2026-11-01T00:00:00Z',
  default_priority: 'normal',
  default_operator_id: null,
  duplicate_radius_m: 50,
  keywords: [],
  sla_hours: 48,
  questions: [],
};

const operator = buildUser({ id: 'op-1', full_name: 'Olga Operator', role: 'operator', municipality_id: 'potsdam' });

function api(overrides: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/v1/users': () => jsonResponse({ data: [operator], next_cursor: null }),
    'GET /api/v1/municipalities/potsdam/categories': () =>
      jsonResponse({ data: [light, { ...light, id: 'cat-old', name: 'Old benches', active: false, sla_hours: null }], next_cursor: null }),
    'POST /api/v1/municipalities/potsdam/categories': async (request) =>
      jsonResponse({ ...light, ...((await request.json()) as object), id: 'cat-new' }, 201),
    'PATCH /api/v1/municipalities/potsdam/categories/cat-light': async (request) =>
      jsonResponse({ ...light, ...((await request.json()) as object) }),
    ...overrides,
  });
}

describe('CategoryList', () => {
  it('lists active and deactivated categories with their SLA, asking for inactive ones too', async () => {
    const { requests } = api();
    renderWithProviders(<CategoryList municipalityId="potsdam" />);

    const row = (await screen.findByRole('rowheader', { name: 'Street light' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('2 days')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'Edit Street light' })).toHaveAttribute(
      'href',
      '/staff/settings/categories/cat-light',
    );
    const old = screen.getByRole('rowheader', { name: 'Old benches' }).closest('tr') as HTMLElement;
    expect(within(old).getByText('Deactivated')).toBeInTheDocument();
    expect(within(old).getByText('No SLA')).toBeInTheDocument();
    const url = new URL(requests[0]?.url ?? '');
    expect(url.searchParams.get('include_inactive')).toBe('true');
    expect(await seriousViolations()).toEqual([]);
  });
});

describe('CategoryForm', () => {
  it('creates a category with an SLA in days and a list question with its options', async () => {
    const { requests } = api();
    const onCreated = vi.fn();
    renderWithProviders(<CategoryForm municipalityId="potsdam" onCreated={onCreated} />);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Name'), 'Graffiti');
    await user.type(screen.getByRole('textbox', { name: /^Code/ }), 'graffiti');
    await user.type(screen.getByLabelText('Due within (SLA)'), '5');
    await user.selectOptions(screen.getByLabelText('Unit'), 'days');
    await user.selectOptions(screen.getByLabelText('Default priority'), 'low');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Default operator' }), 'Olga Operator');

    await user.click(screen.getByRole('button', { name: 'Add a question' }));
    const question = screen.getByRole('group', { name: 'Question 1' });
    await user.type(within(question).getByLabelText('Code'), 'offensive');
    await user.type(within(question).getByLabelText('Question text'), 'Is it offensive?');
    await user.selectOptions(within(question).getByLabelText('Answer type'), 'singlevaluelist');
    await user.click(within(question).getByLabelText('Answer required'));
    await user.type(within(question).getByLabelText('Option 1: key'), 'yes');
    await user.type(within(question).getByLabelText('Option 1: label'), 'Yes');
    await user.click(within(question).getByRole('button', { name: 'Add an option' }));
    await user.type(within(question).getByLabelText('Option 2: key'), 'no');
    await user.type(within(question).getByLabelText('Option 2: label'), 'No');

    await user.click(screen.getByRole('button', { name: 'Create category' }));

    await vi.waitFor(() => expect(onCreated).toHaveBeenCalled());
    const post = requests.find((r) => r.method === 'POST');
    expect(await post?.json()).toEqual({
      code: 'graffiti',
      name: 'Graffiti',
      group: '',
      description: '',
      sla_hours: 120,
      default_priority: 'low',
      default_operator_id: 'op-1',
      duplicate_radius_m: 50,
      keywords: [],
      questions: [
        {
          code: 'offensive',
          description: 'Is it offensive?',
          datatype: 'singlevaluelist',
          required: true,
          order: 1,
          values: [
            { key: 'yes', name: 'Yes' },
            { key: 'no', name: 'No' },
          ],
        },
      ],
    });
  });

  it('shows each problem the API names beside its field, and the rest in the summary', async () => {
    api({
      'POST /api/v1/municipalities/potsdam/categories': () =>
        errorResponse(422, 'validation_failed', 'Some fields are missing or not valid; see details.', {
          fields: [
            { field: 'sla_hours', problem: 'Input should be less than or equal to 8760' },
            { field: 'questions.0.code', problem: "String should match pattern '^[a-z0-9_]+$'" },
            { field: 'colour', problem: 'Extra inputs are not permitted' },
          ],
        }),
    });
    renderWithProviders(<CategoryForm municipalityId="potsdam" />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'Graffiti');
    await user.type(screen.getByRole('textbox', { name: /^Code/ }), 'graffiti');
    await user.type(screen.getByLabelText('Due within (SLA)'), '9000');
    await user.click(screen.getByRole('button', { name: 'Add a question' }));
    const question = screen.getByRole('group', { name: 'Question 1' });
    await user.type(within(question).getByLabelText('Code'), 'Bad Code');
    await user.type(within(question).getByLabelText('Question text'), 'Anything?');
    await user.click(screen.getByRole('button', { name: 'Create category' }));

    const sla = screen.getByLabelText('Due within (SLA)');
    await vi.waitFor(() => expect(sla).toHaveAttribute('aria-invalid', 'true'));
    expect(sla).toHaveAccessibleDescription(expect.stringContaining('less than or equal to 8760'));
    expect(within(question).getByLabelText('Code')).toHaveAccessibleDescription(expect.stringContaining('should match pattern'));
    const summary = screen.getByRole('alert');
    expect(summary).toHaveTextContent('Some fields are missing or not valid; see details.');
    expect(summary).toHaveTextContent('colour: Extra inputs are not permitted');
    expect(summary).not.toHaveTextContent('8760');
  });

  it('refuses a fractional SLA before sending anything', async () => {
    const { requests } = api();
    renderWithProviders(<CategoryForm municipalityId="potsdam" />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'Graffiti');
    await user.type(screen.getByLabelText('Due within (SLA)'), '1.5');
    await user.click(screen.getByRole('button', { name: 'Create category' }));

    expect(screen.getByLabelText('Due within (SLA)')).toHaveAccessibleDescription(
      expect.stringContaining('Enter a whole number of at least 1'),
    );
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('edits a category: the code stays fixed, deactivating sends active false', async () => {
    const { requests } = api();
    renderWithProviders(<CategoryForm municipalityId="potsdam" category={light} />);
    const user = userEvent.setup();

    expect(screen.getByRole('textbox', { name: /^Code/ })).toBeDisabled();
    await user.clear(screen.getByLabelText('Due within (SLA)'));
    await user.click(screen.getByLabelText('Active: citizens can report in this category'));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Saved.');
    const patch = await requests.find((r) => r.method === 'PATCH')?.json();
    expect(patch).toMatchObject({ active: false, sla_hours: null, name: 'Street light' });
    expect(patch).not.toHaveProperty('code');
  });

  it('shows a problem the API names by question code beside that question', async () => {
    api({
      'PATCH /api/v1/municipalities/potsdam/categories/cat-light': () =>
        errorResponse(422, 'question_without_values', "Question 'kind' is a singlevaluelist: give it the values to choose from.", {
          question: 'kind',
        }),
    });
    renderWithProviders(<CategoryForm municipalityId="potsdam" category={{ ...light, questions: [
      { code: 'kind', datatype: 'singlevaluelist', description: 'Which kind?', order: 1, required: false, values: [{ key: 'a', name: 'A' }] },
    ] }} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Remove option 1' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const question = screen.getByRole('group', { name: 'Question 1' });
    expect(await within(question).findByRole('alert')).toHaveTextContent("Question 'kind' is a singlevaluelist");
  });
});
