import { ApiError } from '@/lib/api-client';
import { useErrorText } from '@/components/ui/error-message';

/**
 * A form's error summary: the API's message, and the field problems no input on the form shows
 * beside itself (those that are shown there are left out here, so nothing is said twice).
 */
export function FormError({ error, shownFields = [] }: { error: unknown; shownFields?: readonly string[] }) {
  const text = useErrorText()(error);
  const rest = error instanceof ApiError ? error.fieldProblems.filter((p) => !shownFields.includes(p.field)) : [];
  return (
    <div role="alert" className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3 text-red-900">
      <p>{text}</p>
      {rest.length > 0 && (
        <ul className="list-inside list-disc text-sm">
          {rest.map((problem) => (
            <li key={`${problem.field}:${problem.problem}`}>
              {problem.field ? `${problem.field}: ` : ''}
              {problem.problem}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The server's problems by field path (`name`, `questions.0.code`), for showing each beside its input. */
export function fieldProblemMap(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const map: Record<string, string> = {};
  for (const { field, problem } of error.fieldProblems) map[field] = map[field] ? `${map[field]} ${problem}` : problem;
  return map;
}
