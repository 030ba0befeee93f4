import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { NO_FILTERS, type TicketFilters } from '@/features/staff/api/get-staff-tickets';
import type { Category, Priority, StaffUser, TicketStatus } from '@/features/staff/api/types';
import { SelectField } from '@/features/staff/components/text-area';
import { useI18n } from '@/lib/i18n';

const STATUSES: readonly TicketStatus[] = [
  'received',
  'triaged',
  'assigned',
  'in_progress',
  'action_scheduled',
  'reopened',
  'resolved',
  'closed',
  'duplicate',
  'not_responsible',
  'unable_to_fix',
];
const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];
const SORTS: readonly TicketFilters['sort'][] = ['created_at', 'updated_at', 'due_at', 'priority'];

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((item) => item !== value), value] : list.filter((item) => item !== value);
}

function Checks<T extends string>({
  legend,
  values,
  chosen,
  label,
  onChange,
}: {
  legend: string;
  values: readonly T[];
  chosen: readonly T[];
  label: (value: T) => string;
  onChange: (next: T[]) => void;
}) {
  return (
    <fieldset className="space-y-1">
      <legend className="font-medium text-slate-800">{legend}</legend>
      <div className="flex flex-wrap gap-x-3 gap-y-1">
        {values.map((value) => (
          <label key={value} className="flex items-center gap-1.5 text-sm text-slate-800">
            <input
              type="checkbox"
              checked={chosen.includes(value)}
              onChange={(event) => onChange(toggle(chosen, value, event.target.checked))}
              className="size-4 accent-emerald-700"
            />
            {label(value)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Every filter GET /api/v1/tickets takes; choices apply at once, the text search on submit. */
export function TicketFiltersForm({
  filters,
  onChange,
  categories,
  operators,
  mapAreaAvailable,
  mapArea,
  onMapAreaChange,
}: {
  filters: TicketFilters;
  onChange: (filters: TicketFilters) => void;
  categories: readonly Category[];
  operators: readonly StaffUser[] | null;
  mapAreaAvailable: boolean;
  mapArea: boolean;
  onMapAreaChange: (on: boolean) => void;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState(filters.q);
  const set = (change: Partial<TicketFilters>) => onChange({ ...filters, ...change });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    set({ q });
  }

  return (
    <form onSubmit={onSubmit} aria-label={t('staff.list.filters')} className="space-y-3 rounded-xl border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-end gap-2">
        <TextField
          label={t('staff.list.search')}
          type="search"
          value={q}
          maxLength={200}
          onChange={(event) => setQ(event.target.value)}
          className="min-w-48 flex-1"
        />
        <Button type="submit" className="min-h-11">
          {t('staff.list.searchSubmit')}
        </Button>
      </div>
      <Checks
        legend={t('staff.list.status')}
        values={STATUSES}
        chosen={filters.status}
        label={(status) => t(`status.${status}`)}
        onChange={(status) => set({ status })}
      />
      <Checks
        legend={t('staff.list.priority')}
        values={PRIORITIES}
        chosen={filters.priority}
        label={(priority) => t(`staff.priority.${priority}`)}
        onChange={(priority) => set({ priority })}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label={t('staff.list.category')} value={filters.categoryId} onChange={(categoryId) => set({ categoryId })}>
          <option value="">{t('staff.list.anyCategory')}</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </SelectField>
        {operators && (
          <SelectField label={t('staff.list.operator')} value={filters.operatorId} onChange={(operatorId) => set({ operatorId })}>
            <option value="">{t('staff.list.anyOperator')}</option>
            {operators.map((operator) => (
              <option key={operator.id} value={operator.id}>
                {operator.full_name}
              </option>
            ))}
          </SelectField>
        )}
        <TextField
          label={t('staff.list.from')}
          type="date"
          value={filters.createdFrom}
          max={filters.createdTo || undefined}
          onChange={(event) => set({ createdFrom: event.target.value })}
        />
        <TextField
          label={t('staff.list.to')}
          type="date"
          value={filters.createdTo}
          min={filters.createdFrom || undefined}
          onChange={(event) => set({ createdTo: event.target.value })}
        />
        <SelectField
          label={t('staff.list.sort')}
          value={filters.sort}
          onChange={(sort) => set({ sort: sort as TicketFilters['sort'] })}
        >
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`staff.list.sort.${sort}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('staff.list.order')}
          value={filters.order}
          onChange={(order) => set({ order: order as TicketFilters['order'] })}
        >
          <option value="desc">{t('staff.list.order.desc')}</option>
          <option value="asc">{t('staff.list.order.asc')}</option>
        </SelectField>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <label className="flex items-center gap-1.5 text-slate-800">
          <input
            type="checkbox"
            checked={filters.overdue}
            onChange={(event) => set({ overdue: event.target.checked })}
            className="size-4 accent-emerald-700"
          />
          {t('staff.list.overdue')}
        </label>
        {mapAreaAvailable && (
          <label className="flex items-center gap-1.5 text-slate-800">
            <input
              type="checkbox"
              checked={mapArea}
              onChange={(event) => onMapAreaChange(event.target.checked)}
              className="size-4 accent-emerald-700"
            />
            {t('staff.list.mapArea')}
          </label>
        )}
        <Button
          variant="link"
          onClick={() => {
            setQ('');
            onMapAreaChange(false);
            onChange(NO_FILTERS);
          }}
        >
          {t('staff.list.reset')}
        </Button>
      </div>
    </form>
  );
}
