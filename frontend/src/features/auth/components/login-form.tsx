import { type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { AuthCard, problemFor } from '@/features/auth/components/auth-card';
import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { TextField } from '@/components/ui/text-field';
import { safeNext, useLogin } from '@/lib/auth';
import { useI18n } from '@/lib/i18n';

export function LoginForm() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate(
      { email: String(form.get('email')), password: String(form.get('password')) },
      { onSuccess: () => void navigate(safeNext(params.get('next')), { replace: true }) },
    );
  }

  return (
    <AuthCard title={t('auth.login.title')}>
      {params.get('expired') && !login.isError && (
        <p role="status" className="rounded-lg bg-amber-50 p-3 text-amber-900">
          {t('auth.login.expired')}
        </p>
      )}
      {login.isError && <ErrorMessage error={login.error} />}
      <form onSubmit={onSubmit} className="space-y-4" noValidate={false}>
        <TextField
          label={t('auth.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          problem={problemFor(login.error, 'email')}
        />
        <TextField
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          problem={problemFor(login.error, 'password')}
        />
        <Button type="submit" disabled={login.isPending} className="w-full">
          {login.isPending ? t('auth.login.submitting') : t('auth.login.submit')}
        </Button>
      </form>
      <div className="space-y-1 text-sm">
        <p>
          <Link to="/reset-password" className="text-emerald-800 underline underline-offset-4">
            {t('auth.login.forgot')}
          </Link>
        </p>
        <p>
          {t('auth.login.noAccount')}{' '}
          <Link to="/register" className="text-emerald-800 underline underline-offset-4">
            {t('nav.register')}
          </Link>
        </p>
      </div>
    </AuthCard>
  );
}
