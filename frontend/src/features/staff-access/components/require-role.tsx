import type { ReactNode } from 'react';

import { Loading } from '@/components/ui/spinner';
import { useUser, type User } from '@/lib/auth';
import { useI18n } from '@/lib/i18n';

export type Role = User['role'];

/**
 * Shows its children only to people with one of `roles`; others read why, in words. It sits
 * inside ProtectedRoute, which already sends signed-out visitors to /login. The API refuses
 * these calls anyway (403): this only spares people a page of errors.
 */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useI18n();
  const { user, isPending } = useUser();
  if (isPending) return <Loading />;
  if (user && roles.includes(user.role)) return children;
  const names = roles.map((role) => t(`manage.role.${role}`)).join(t('manage.or'));
  return (
    <div className="space-y-3">
      <title>{`${t('manage.forbidden.title')} · CityFix`}</title>
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t('manage.forbidden.title')}</h1>
      <p className="text-slate-700">{t('manage.forbidden.body', { roles: names, name: user?.full_name ?? '' })}</p>
    </div>
  );
}
