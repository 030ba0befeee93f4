import type { Category, CategoryQuestion } from '@/features/categories/api/get-categories';
import type { CategoryChanges, NewCategory } from '@/features/categories/api/save-category';

export type Priority = NonNullable<NewCategory['default_priority']>;
export type Datatype = NonNullable<CategoryQuestion['datatype']>;
export type SlaUnit = 'hours' | 'days';

export const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
export const DATATYPES: readonly Datatype[] = ['string', 'text', 'number', 'datetime', 'singlevaluelist', 'multivaluelist'];

/** Whether a question's answer is picked from its options. */
export function isList(datatype: Datatype): boolean {
  return datatype === 'singlevaluelist' || datatype === 'multivaluelist';
}

export type OptionDraft = { key: string; name: string };

export type QuestionDraft = {
  /** A local identity for React while the code is being typed. */
  uid: string;
  code: string;
  description: string;
  datatype: Datatype;
  required: boolean;
  values: OptionDraft[];
};

/** The form's state: what a person types, as text, before it becomes the API's body. */
export type CategoryDraft = {
  name: string;
  code: string;
  group: string;
  description: string;
  slaAmount: string;
  slaUnit: SlaUnit;
  defaultPriority: Priority;
  defaultOperatorId: string;
  duplicateRadius: string;
  keywords: string;
  active: boolean;
  questions: QuestionDraft[];
};

let uids = 0;
export function newQuestion(): QuestionDraft {
  uids += 1;
  return { uid: `q${uids}`, code: '', description: '', datatype: 'string', required: false, values: [] };
}

export function emptyDraft(): CategoryDraft {
  return {
    name: '',
    code: '',
    group: '',
    description: '',
    slaAmount: '',
    slaUnit: 'hours',
    defaultPriority: 'normal',
    defaultOperatorId: '',
    duplicateRadius: '50',
    keywords: '',
    active: true,
    questions: [],
  };
}

export function draftFromCategory(category: Category): CategoryDraft {
  const hours = category.sla_hours;
  const inDays = hours !== null && hours % 24 === 0;
  return {
    name: category.name,
    code: category.code,
    group: category.group ?? '',
    description: category.description,
    slaAmount: hours === null ? '' : String(inDays ? hours / 24 : hours),
    slaUnit: inDays ? 'days' : 'hours',
    defaultPriority: category.default_priority ?? 'normal',
    defaultOperatorId: category.default_operator_id ?? '',
    duplicateRadius: String(category.duplicate_radius_m ?? 50),
    keywords: (category.keywords ?? []).join(', '),
    active: category.active,
    questions: [...category.questions]
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
      .map((question) => ({
        ...newQuestion(),
        code: question.code,
        description: question.description,
        datatype: question.datatype ?? 'string',
        required: question.required ?? false,
        values: (question.values ?? []).map((value) => ({ ...value })),
      })),
  };
}

/** Problems the form finds before asking the server, by the API's field names. */
export type DraftProblems = Partial<Record<string, 'slaWhole' | 'radiusWhole'>>;

function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

export function checkDraft(draft: CategoryDraft): DraftProblems {
  const problems: DraftProblems = {};
  if (draft.slaAmount.trim() !== '' && !(wholeNumber(draft.slaAmount) ?? 0)) problems['sla_hours'] = 'slaWhole';
  if (wholeNumber(draft.duplicateRadius) === null) problems['duplicate_radius_m'] = 'radiusWhole';
  return problems;
}

/** The SLA in hours, or null for none; days are whole days of 24 hours. */
export function slaHours(draft: CategoryDraft): number | null {
  const amount = wholeNumber(draft.slaAmount);
  if (amount === null) return null;
  return draft.slaUnit === 'days' ? amount * 24 : amount;
}

export function toQuestions(drafts: QuestionDraft[]): CategoryQuestion[] {
  return drafts.map((question, index) => ({
    code: question.code.trim(),
    description: question.description.trim(),
    datatype: question.datatype,
    required: question.required,
    order: index + 1,
    values: isList(question.datatype)
      ? question.values.map((value) => ({ key: value.key.trim(), name: value.name.trim() }))
      : [],
  }));
}

function keywords(text: string): string[] {
  return text
    .split(',')
    .map((word) => word.trim())
    .filter(Boolean);
}

function common(draft: CategoryDraft) {
  return {
    name: draft.name.trim(),
    group: draft.group.trim(),
    description: draft.description.trim(),
    sla_hours: slaHours(draft),
    default_priority: draft.defaultPriority,
    default_operator_id: draft.defaultOperatorId || null,
    duplicate_radius_m: wholeNumber(draft.duplicateRadius) ?? 50,
    keywords: keywords(draft.keywords),
    questions: toQuestions(draft.questions),
  };
}

export function toNewCategory(draft: CategoryDraft): NewCategory {
  return { code: draft.code.trim(), ...common(draft) };
}

/** Every editable field is sent: null clears the SLA and the default operator. */
export function toCategoryChanges(draft: CategoryDraft): CategoryChanges {
  return { ...common(draft), active: draft.active };
}
