import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { focusRing } from '@/components/ui/button';
import { ProtectedRoute, useUser, type User } from '@/lib/auth';
import { useI18n } from '@/lib/i18n';

export type Role = User['role'];

function Forbidden({ roles, user }: { roles: readonly Role[]; user: User }) {
  const { t } = useI18n();
  const names = roles.map((role) => t(`access.roles.${role}`));
  const last = names.pop() ?? '';
  const list = names.length ? t('access.roles.list', { first: names.join(', '), last }) : last;
  return (
    <div className="space-y-4">
      <title>{`${t('access.forbidden.title')} · CityFix`}</title>
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t('access.forbidden.title')}</h1>
      <p role="alert" className="text-slate-700">
        {t('access.forbidden.body', { roles: list, name: user.full_name, role: t(`access.role.${user.role}`) })}
      </p>
      <Link
        to="/"
        className={`inline-block rounded-md font-medium text-emerald-800 underline underline-offset-4 ${focusRing}`}
      >
        {t('access.forbidden.home')}
      </Link>
    </div>
  );
}

function RoleCheck({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useUser();
  if (!user) return null;
  if (!roles.includes(user.role)) return <Forbidden roles={roles} user={user} />;
  return children;
}

/**
 * A page for some roles only: signed-out visitors go to /login and come back; other roles read why
 * they cannot use it. The API refuses their calls anyway (403): this spares them a page of errors.
 */
export function RoleGate({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  return (
    <ProtectedRoute>
      <RoleCheck roles={roles}>{children}</RoleCheck>
    </ProtectedRoute>
  );
}
