import { describe, expect, it } from 'vitest';

import type { Question } from '@/features/report/api/get-categories';
import { toAnswers } from '@/features/report/components/answers';

const question = (code: string, datatype: Question['datatype']): Question => ({
  code,
  datatype,
  description: code,
  order: 1,
  required: false,
  values: [],
});

describe('toAnswers', () => {
  it('sends numbers as numbers, lists comma-separated, and leaves blanks out', () => {
    const questions = [
      question('depth', 'number'),
      question('kinds', 'multivaluelist'),
      question('note', 'text'),
      question('since', 'datetime'),
      question('hazard', 'singlevaluelist'),
    ];
    expect(
      toAnswers(questions, { depth: ' 12.5 ', kinds: ['glass', 'tyres'], note: '  ', since: '2026-11-20T08:00', hazard: 'yes' }),
    ).toEqual({ depth: 12.5, kinds: 'glass,tyres', since: '2026-11-20T08:00', hazard: 'yes' });
  });

  it('ignores answers to questions the category does not ask', () => {
    expect(toAnswers([question('depth', 'number')], { other: 'x', kinds: [] })).toEqual({});
  });
});
