import type { ReactNode } from 'react';
import { NavLink, useSearchParams } from 'react-router';

import { RoleGate, type Role } from '@/components/auth/role-gate';
import { MainLayout } from '@/components/layouts/main-layout';
import { focusRing } from '@/components/ui/button';
import { useUser } from '@/lib/auth';
import type { MessageKey } from '@/lib/i18n';
import { useI18n } from '@/lib/i18n';

type Entry = { to: string; label: MessageKey; keepMunicipality?: boolean };

const MANAGER_LINKS: Entry[] = [
  { to: '/staff/dashboard', label: 'manage.nav.dashboard' },
  { to: '/staff/settings/categories', label: 'manage.nav.categories' },
  { to: '/staff/settings/operators', label: 'manage.nav.operators' },
  { to: '/staff/settings/integrations', label: 'manage.nav.integrations' },
];

const ADMIN_LINKS: Entry[] = [
  { to: '/admin/municipalities', label: 'manage.nav.municipalities' },
  { to: '/admin/managers', label: 'manage.nav.managers' },
  { to: '/staff/dashboard', label: 'manage.nav.dashboard', keepMunicipality: true },
  { to: '/staff/settings/categories', label: 'manage.nav.categories', keepMunicipality: true },
  { to: '/staff/settings/integrations', label: 'manage.nav.integrations', keepMunicipality: true },
  { to: '/admin/dead-letters', label: 'manage.nav.deadLetters' },
  { to: '/admin/failed-notifications', label: 'manage.nav.failedNotifications' },
];

const tab = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap rounded-md px-2.5 py-1.5 text-sm font-medium ${focusRing} ${
    isActive ? 'bg-emerald-700 text-white' : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900'
  }`;

/** The management area's own links: a manager's municipality settings, or the platform's for admins. */
function ManagementNav() {
  const { t } = useI18n();
  const { user } = useUser();
  const [params] = useSearchParams();
  const municipality = params.get('municipality');
  const links = user?.role === 'admin' ? ADMIN_LINKS : user?.role === 'manager' ? MANAGER_LINKS : [];
  if (links.length === 0) return null;
  return (
    <nav aria-label={t('manage.nav')} className="-mx-1 overflow-x-auto pb-1">
      <ul className="flex gap-1 px-1">
        {links.map((link) => (
          <li key={link.to}>
            <NavLink
              to={link.keepMunicipality && municipality ? `${link.to}?municipality=${encodeURIComponent(municipality)}` : link.to}
              end={false}
              className={tab}
            >
              {t(link.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The frame of every management page: signed in, the right role, the area's navigation. */
export function ManagementPage({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  return (
    <MainLayout wide>
      <div className="mx-auto w-full max-w-6xl space-y-6 px-4 py-6 sm:px-6 sm:py-8">
        <RoleGate roles={roles}>
          <ManagementNav />
          {children}
        </RoleGate>
      </div>
    </MainLayout>
  );
}
