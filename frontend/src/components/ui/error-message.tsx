import { useI18n } from '@/lib/i18n';
import { ApiError } from '@/lib/api-client';
import { Button } from '@/components/ui/button';

/** The message a person should read for an error: the API's own sentence when there is one. */
export function useErrorText() {
  const { t } = useI18n();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      return error.code === 'network_error' ? t('common.networkError') : error.message;
    }
    return t('common.errorTitle');
  };
}

/** An error announced to screen readers, with the fields the server named and an optional retry. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const text = useErrorText()(error);
  const fields = error instanceof ApiError ? error.fieldProblems : [];
  return (
    <div role="alert" className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3 text-red-900">
      <p>{text}</p>
      {fields.length > 0 && (
        <ul className="list-inside list-disc text-sm">
          {fields.map((field) => (
            <li key={`${field.field}:${field.problem}`}>
              {field.field ? `${field.field}: ` : ''}
              {field.problem}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}
