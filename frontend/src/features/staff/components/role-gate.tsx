import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { focusRing } from '@/components/ui/button';
import type { StaffUser } from '@/features/staff/api/types';
import { ProtectedRoute, useUser } from '@/lib/auth';
import { useI18n } from '@/lib/i18n';

export type StaffRole = Exclude<StaffUser['role'], 'citizen'>;

function Forbidden({ roles, user }: { roles: readonly StaffRole[]; user: StaffUser }) {
  const { t } = useI18n();
  const names = roles.map((role) => t(`staff.role.${role}`));
  const last = names.pop() ?? '';
  const list = names.length ? t('staff.role.list', { first: names.join(', '), last }) : last;
  return (
    <div className="space-y-4">
      <title>{`${t('staff.forbidden.title')} · CityFix`}</title>
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t('staff.forbidden.title')}</h1>
      <p role="alert" className="text-slate-700">
        {t('staff.forbidden.body', { roles: list, name: user.full_name, role: t(`staff.role.${user.role}`) })}
      </p>
      <Link
        to="/"
        className={`inline-block rounded-md font-medium text-emerald-800 underline underline-offset-4 ${focusRing}`}
      >
        {t('staff.forbidden.home')}
      </Link>
    </div>
  );
}

function RoleCheck({ roles, children }: { roles: readonly StaffRole[]; children: ReactNode }) {
  const { user } = useUser();
  if (!user) return null;
  if (user.role === 'citizen' || !roles.includes(user.role)) return <Forbidden roles={roles} user={user} />;
  return children;
}

/** A staff page: signed-out visitors go to /login and come back; other roles read why they cannot. */
export function StaffGate({ roles, children }: { roles: readonly StaffRole[]; children: ReactNode }) {
  return (
    <ProtectedRoute>
      <RoleCheck roles={roles}>{children}</RoleCheck>
    </ProtectedRoute>
  );
}

/** Which staff pages each role has, for the header and the routes. */
export const STAFF_PAGES = {
  queue: { path: '/staff/queue', roles: ['operator', 'manager'] },
  triage: { path: '/staff/triage', roles: ['manager'] },
  tickets: { path: '/staff/tickets', roles: ['manager', 'admin'] },
  overdue: { path: '/staff/overdue', roles: ['manager', 'admin'] },
  work: { path: '/staff/tickets/:ticketId', roles: ['operator', 'manager', 'admin'] },
} as const satisfies Record<string, { path: string; roles: readonly StaffRole[] }>;
