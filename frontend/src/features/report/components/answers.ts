import type { Question } from '@/features/report/api/get-categories';

/** What the form holds per question: text, or the keys ticked in a multi-choice list. */
export type AnswerDraft = Record<string, string | string[]>;

/**
 * The answers the API takes: blanks left out, numbers as numbers, a multi-choice list
 * as its keys comma-separated (Open311's model). The server checks them again.
 */
export function toAnswers(questions: Question[], draft: AnswerDraft): Record<string, string | number> {
  const answers: Record<string, string | number> = {};
  for (const question of questions) {
    const value = draft[question.code];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) answers[question.code] = value.join(',');
      continue;
    }
    const text = value.trim();
    if (!text) continue;
    answers[question.code] = question.datatype === 'number' ? Number(text) : text;
  }
  return answers;
}
