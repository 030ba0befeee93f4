import { type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';

import { useConfirmPasswordReset, useRequestPasswordReset } from '@/features/auth/api/reset-password';
import { AuthCard, Notice, problemFor } from '@/features/auth/components/auth-card';
import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { TextField } from '@/components/ui/text-field';
import { useI18n } from '@/lib/i18n';

function RequestReset() {
  const { t } = useI18n();
  const request = useRequestPasswordReset();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    request.mutate(String(new FormData(event.currentTarget).get('email')).trim());
  }

  if (request.isSuccess) {
    return <Notice>{t('auth.reset.requestDone', { email: request.variables })}</Notice>;
  }
  return (
    <>
      <p className="text-slate-700">{t('auth.reset.requestIntro')}</p>
      {request.isError && <ErrorMessage error={request.error} />}
      <form onSubmit={onSubmit} className="space-y-4">
        <TextField
          label={t('auth.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          problem={problemFor(request.error, 'email')}
        />
        <Button type="submit" disabled={request.isPending} className="w-full">
          {t('auth.reset.requestSubmit')}
        </Button>
      </form>
    </>
  );
}

function ConfirmReset({ token }: { token: string }) {
  const { t } = useI18n();
  const confirmation = useConfirmPasswordReset();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    confirmation.mutate({ token, password: String(new FormData(event.currentTarget).get('password')) });
  }

  if (confirmation.isSuccess) {
    return (
      <>
        <Notice>{t('auth.reset.confirmDone')}</Notice>
        <Link to="/login" className="text-emerald-800 underline underline-offset-4">
          {t('nav.signIn')}
        </Link>
      </>
    );
  }
  return (
    <>
      <p className="text-slate-700">{t('auth.reset.confirmIntro')}</p>
      {confirmation.isError && <ErrorMessage error={confirmation.error} />}
      <form onSubmit={onSubmit} className="space-y-4">
        <TextField
          label={t('auth.newPassword')}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          hint={t('auth.passwordHint')}
          problem={problemFor(confirmation.error, 'password')}
        />
        <Button type="submit" disabled={confirmation.isPending} className="w-full">
          {t('auth.reset.confirmSubmit')}
        </Button>
      </form>
    </>
  );
}

/** `/reset-password` asks for the link; `/reset-password?token=` (the link) sets the new password. */
export function ResetPassword() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token');
  return (
    <AuthCard title={t('auth.reset.title')}>
      {token ? <ConfirmReset token={token} /> : <RequestReset />}
    </AuthCard>
  );
}
