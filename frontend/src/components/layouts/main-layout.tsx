import { lazy, Suspense, type ReactNode } from 'react';
import { Link, NavLink } from 'react-router';

import { focusRing } from '@/components/ui/button';
import { useLogout, useUser } from '@/lib/auth';
import { LANGUAGES, useI18n, type Language, type MessageKey } from '@/lib/i18n';

/** Staff pages in the header, by role (the pages themselves check the role again). */
const STAFF_LINKS: Record<string, readonly { to: string; label: MessageKey }[]> = {
  operator: [{ to: '/staff/queue', label: 'staff.nav.queue' }],
  manager: [
    { to: '/staff/triage', label: 'staff.nav.triage' },
    { to: '/staff/tickets', label: 'staff.nav.tickets' },
    { to: '/staff/overdue', label: 'staff.nav.overdue' },
    { to: '/staff/dashboard', label: 'manage.nav.link' },
  ],
  admin: [
    { to: '/staff/tickets', label: 'staff.nav.tickets' },
    { to: '/staff/overdue', label: 'staff.nav.overdue' },
    { to: '/admin/municipalities', label: 'manage.nav.link' },
  ],
};

// Only signed-in people have a bell: its code (and Radix Popover's) stays out of a first visit.
const NotificationBell = lazy(() =>
  import('@/features/notifications/components/notification-bell').then((module) => ({ default: module.NotificationBell })),
);

const navLink = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-2 py-1 font-medium ${focusRing} ${
    isActive ? 'bg-emerald-50 text-emerald-900' : 'text-slate-700 hover:text-slate-900'
  }`;

function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <label className="flex items-center gap-1 text-sm text-slate-700">
      <span className="sr-only">{t('nav.language')}</span>
      <select
        value={language}
        onChange={(event) => setLanguage(event.target.value as Language)}
        className={`rounded-md border border-slate-300 bg-white px-1.5 py-1 ${focusRing}`}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function Account() {
  const { t } = useI18n();
  const { user } = useUser();
  const logout = useLogout();
  if (!user) {
    return (
      <NavLink to="/login" className={navLink}>
        {t('nav.signIn')}
      </NavLink>
    );
  }
  return (
    <button
      type="button"
      onClick={() => logout.mutate()}
      disabled={logout.isPending}
      title={t('nav.signedInAs', { name: user.full_name })}
      className={`rounded-md px-2 py-1 font-medium text-slate-700 hover:text-slate-900 ${focusRing}`}
    >
      {t('nav.signOut')}
    </button>
  );
}

export function MainLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useI18n();
  const { user } = useUser();
  const width = wide ? 'max-w-none' : 'max-w-3xl';
  return (
    <div className="flex min-h-dvh flex-col bg-slate-50 text-slate-900">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-[1000] focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        {t('nav.skip')}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className={`mx-auto flex ${width} flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6`}>
          <Link
            to="/"
            className={`flex items-center gap-2 rounded-md text-lg font-bold tracking-tight text-emerald-800 ${focusRing}`}
          >
            <img src="/favicon.svg" alt="" width={24} height={24} />
            {t('app.name')}
          </Link>
          <nav aria-label={t('nav.main')} className="ml-auto flex flex-wrap items-center gap-1 sm:gap-2">
            <NavLink to="/" end className={navLink}>
              {t('nav.map')}
            </NavLink>
            <NavLink to="/report" className={navLink}>
              {t('nav.report')}
            </NavLink>
            {user && (
              <NavLink to="/my-reports" className={navLink}>
                {t('nav.myReports')}
              </NavLink>
            )}
            {(user ? (STAFF_LINKS[user.role] ?? []) : []).map((link) => (
              <NavLink key={link.to} to={link.to} end className={navLink}>
                {t(link.label)}
              </NavLink>
            ))}
            {user && (
              <NavLink to="/account" className={navLink}>
                {t('nav.account')}
              </NavLink>
            )}
            {user && (
              <Suspense fallback={null}>
                <NotificationBell />
              </Suspense>
            )}
            <Account />
            <LanguageSwitch />
          </nav>
        </div>
      </header>
      <main
        id="main"
        tabIndex={-1}
        className={
          wide
            ? 'flex w-full flex-1 flex-col'
            : 'mx-auto w-full max-w-3xl flex-1 px-4 py-8 sm:px-6 sm:py-12'
        }
      >
        {children}
      </main>
      {!wide && (
        <footer className="border-t border-slate-200 bg-white">
          <p className="mx-auto max-w-3xl px-4 py-4 text-sm text-slate-600 sm:px-6">{t('app.tagline')}</p>
        </footer>
      )}
    </div>
  );
}
