import { describe, expect, it } from 'vitest';

import type { Category } from '@/features/categories/api/get-categories';
import {
  checkDraft,
  draftFromCategory,
  emptyDraft,
  newQuestion,
  toCategoryChanges,
  toNewCategory,
} from '@/features/categories/components/category-draft';

const pothole: Category = {
  id: 'cat-1',
  code: 'pothole',
  name: 'Pothole',
  group: 'Roads',
  description: 'A hole in the road.',
  active: true,
  municipality_id: 'potsdam',
  created_at: '2026-11-01T00:00:00Z',
  default_priority: 'high',
  default_operator_id: null,
  duplicate_radius_m: 30,
  keywords: ['hole', 'road'],
  sla_hours: 72,
  questions: [
    { code: 'depth', datatype: 'number', description: 'How deep?', order: 2, required: false, values: [] },
    {
      code: 'hazard',
      datatype: 'singlevaluelist',
      description: 'Dangerous?',
      order: 1,
      required: true,
      values: [{ key: 'yes', name: 'Yes' }],
    },
  ],
};

describe('category drafts', () => {
  it('shows an SLA of whole days in days, and other SLAs in hours', () => {
    expect(draftFromCategory(pothole)).toMatchObject({ slaAmount: '3', slaUnit: 'days' });
    expect(draftFromCategory({ ...pothole, sla_hours: 30 })).toMatchObject({ slaAmount: '30', slaUnit: 'hours' });
    expect(draftFromCategory({ ...pothole, sla_hours: null })).toMatchObject({ slaAmount: '', slaUnit: 'hours' });
  });

  it('turns a category back into the same PATCH body, questions in their order', () => {
    expect(toCategoryChanges(draftFromCategory(pothole))).toEqual({
      name: 'Pothole',
      group: 'Roads',
      description: 'A hole in the road.',
      sla_hours: 72,
      default_priority: 'high',
      default_operator_id: null,
      duplicate_radius_m: 30,
      keywords: ['hole', 'road'],
      active: true,
      questions: [
        { code: 'hazard', datatype: 'singlevaluelist', description: 'Dangerous?', order: 1, required: true, values: [{ key: 'yes', name: 'Yes' }] },
        { code: 'depth', datatype: 'number', description: 'How deep?', order: 2, required: false, values: [] },
      ],
    });
  });

  it('builds a new category: days become hours, an empty SLA is none, options only for lists', () => {
    const draft = {
      ...emptyDraft(),
      name: ' Street light ',
      code: 'street_light',
      slaAmount: '2',
      slaUnit: 'days' as const,
      keywords: 'lamp, , dark ',
      questions: [
        { ...newQuestion(), code: 'pole', description: 'Pole number', datatype: 'string' as const, values: [{ key: 'x', name: 'left over' }] },
      ],
    };
    expect(toNewCategory(draft)).toEqual({
      code: 'street_light',
      name: 'Street light',
      group: '',
      description: '',
      sla_hours: 48,
      default_priority: 'normal',
      default_operator_id: null,
      duplicate_radius_m: 50,
      keywords: ['lamp', 'dark'],
      questions: [{ code: 'pole', description: 'Pole number', datatype: 'string', required: false, order: 1, values: [] }],
    });
    expect(toNewCategory({ ...draft, slaAmount: '' }).sla_hours).toBeNull();
  });

  it('asks for whole numbers before sending', () => {
    expect(checkDraft({ ...emptyDraft(), slaAmount: '1.5' })).toEqual({ sla_hours: 'slaWhole' });
    expect(checkDraft({ ...emptyDraft(), slaAmount: '0' })).toEqual({ sla_hours: 'slaWhole' });
    expect(checkDraft({ ...emptyDraft(), duplicateRadius: 'far' })).toEqual({ duplicate_radius_m: 'radiusWhole' });
    expect(checkDraft({ ...emptyDraft(), slaAmount: '12' })).toEqual({});
  });
});
