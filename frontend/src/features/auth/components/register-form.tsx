import { type FormEvent } from 'react';
import { Link } from 'react-router';

import { useRegister } from '@/features/auth/api/register';
import { AuthCard, Notice, problemFor } from '@/features/auth/components/auth-card';
import { Button } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { TextField } from '@/components/ui/text-field';
import { useI18n } from '@/lib/i18n';

export function RegisterForm() {
  const { t, language } = useI18n();
  const registration = useRegister();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    registration.mutate({
      full_name: String(form.get('full_name')).trim(),
      email: String(form.get('email')).trim(),
      password: String(form.get('password')),
      locale: language,
    });
  }

  if (registration.isSuccess) {
    return (
      <AuthCard title={t('auth.register.title')}>
        <Notice>{t('auth.register.done', { email: registration.data.email })}</Notice>
        <Link to="/login" className="text-emerald-800 underline underline-offset-4">
          {t('nav.signIn')}
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.register.title')}>
      {registration.isError && <ErrorMessage error={registration.error} />}
      <form onSubmit={onSubmit} className="space-y-4">
        <TextField
          label={t('auth.fullName')}
          name="full_name"
          autoComplete="name"
          required
          problem={problemFor(registration.error, 'full_name')}
        />
        <TextField
          label={t('auth.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          problem={problemFor(registration.error, 'email')}
        />
        <TextField
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          hint={t('auth.passwordHint')}
          problem={problemFor(registration.error, 'password')}
        />
        <Button type="submit" disabled={registration.isPending} className="w-full">
          {registration.isPending ? t('auth.register.submitting') : t('auth.register.submit')}
        </Button>
      </form>
      <p className="text-sm">
        {t('auth.register.haveAccount')}{' '}
        <Link to="/login" className="text-emerald-800 underline underline-offset-4">
          {t('nav.signIn')}
        </Link>
      </p>
    </AuthCard>
  );
}
