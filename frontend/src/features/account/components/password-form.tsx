import { type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { TextField } from '@/components/ui/text-field';
import { useChangePassword } from '@/features/account/api/change-password';
import { problemFor, Section } from '@/features/account/components/section';
import { useI18n } from '@/lib/i18n';

/** Change the password. The server ends every session afterwards, so the person signs in again. */
export function PasswordForm({ onSignInAgain }: { onSignInAgain: () => void }) {
  const { t } = useI18n();
  const change = useChangePassword();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    change.mutate({
      current_password: String(form.get('current_password')),
      new_password: String(form.get('new_password')),
    });
  }

  return (
    <Section id="account-password" title={t('account.password')}>
      {change.isSuccess ? (
        <div className="space-y-3">
          <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-emerald-900">
            {t('account.passwordChanged')}
          </p>
          <Button onClick={onSignInAgain}>{t('account.signInAgain')}</Button>
        </div>
      ) : (
        <form onSubmit={onSubmit} className="space-y-4">
          <TextField
            label={t('account.currentPassword')}
            name="current_password"
            type="password"
            autoComplete="current-password"
            required
            problem={problemFor(change.error, 'current_password')}
          />
          <TextField
            label={t('account.newPassword')}
            hint={t('account.newPasswordHint')}
            name="new_password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={128}
            problem={problemFor(change.error, 'new_password')}
          />
          {change.isError && <ErrorMessage error={change.error} />}
          <Button type="submit" disabled={change.isPending}>
            {t('account.changePassword')}
          </Button>
        </form>
      )}
    </Section>
  );
}
