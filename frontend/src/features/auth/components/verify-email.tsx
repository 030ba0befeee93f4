import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';

import { useVerifyEmail } from '@/features/auth/api/verify-email';
import { AuthCard, Notice } from '@/features/auth/components/auth-card';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useI18n } from '@/lib/i18n';

export function VerifyEmail() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token');
  const verification = useVerifyEmail();
  const sent = useRef<string | null>(null);

  useEffect(() => {
    // Once per token, even under StrictMode's double effects: a token works only once.
    if (token && sent.current !== token) {
      sent.current = token;
      verification.mutate(token);
    }
  }, [token, verification]);

  return (
    <AuthCard title={t('auth.verify.title')}>
      {!token && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-red-900">
          {t('auth.verify.noToken')}
        </p>
      )}
      {token && verification.isPending && <Loading label={t('auth.verify.working')} />}
      {verification.isError && <ErrorMessage error={verification.error} />}
      {verification.isSuccess && (
        <>
          <Notice>{t('auth.verify.done', { email: verification.data.email })}</Notice>
          <Link to="/login" className="text-emerald-800 underline underline-offset-4">
            {t('nav.signIn')}
          </Link>
        </>
      )}
    </AuthCard>
  );
}
