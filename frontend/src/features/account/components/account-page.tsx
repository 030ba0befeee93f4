import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';

import { forgetDeletedAccount } from '@/features/account/api/account-data';
import { AccountData } from '@/features/account/components/account-data';
import { AreaAlerts } from '@/features/account/components/area-alerts';
import { PasswordForm } from '@/features/account/components/password-form';
import { PreferencesForm } from '@/features/account/components/preferences-form';
import { ProfileForm } from '@/features/account/components/profile-form';
import { useLogout, useUser } from '@/lib/auth';
import { useI18n } from '@/lib/i18n';

/** /account: profile, password, email settings, area alerts, and the person's data. */
export function AccountPage() {
  const { t } = useI18n();
  const { user } = useUser();
  const navigate = useNavigate();
  const logout = useLogout();
  const queryClient = useQueryClient();
  if (!user) return null;

  return (
    <div className="space-y-6">
      <title>{`${t('account.title')} · CityFix`}</title>
      <header className="space-y-1">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t('account.title')}</h1>
        <p className="text-slate-700">{t('account.signedInAs', { email: user.email })}</p>
      </header>
      <ProfileForm user={user} />
      <PasswordForm
        onSignInAgain={() =>
          logout.mutate(undefined, { onSettled: () => void navigate('/login?next=%2Faccount', { replace: true }) })
        }
      />
      <PreferencesForm user={user} />
      <AreaAlerts />
      {/* The route then leads home (see app/routes/account.tsx). */}
      <AccountData onDeleted={() => forgetDeletedAccount(queryClient)} />
    </div>
  );
}
