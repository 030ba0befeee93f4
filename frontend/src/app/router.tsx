import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { createBrowserRouter, Outlet, useLocation, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';

import { Loading } from '@/components/ui/spinner';
import { LiveNotifications } from '@/features/notifications/components/live-notifications';
import { SessionWatcher } from '@/lib/auth';

// Every page is its own chunk: the map's Leaflet code is not loaded for /login, and so on.
const MapRoute = lazy(() => import('@/app/routes/map'));
const LoginRoute = lazy(() => import('@/app/routes/auth/login'));
const RegisterRoute = lazy(() => import('@/app/routes/auth/register'));
const VerifyEmailRoute = lazy(() => import('@/app/routes/auth/verify-email'));
const ResetPasswordRoute = lazy(() => import('@/app/routes/auth/reset-password'));
const TicketRoute = lazy(() => import('@/app/routes/ticket'));
const MyReportsRoute = lazy(() => import('@/app/routes/my-reports'));
const ReportRoute = lazy(() => import('@/app/routes/report'));
const StatusRoute = lazy(() => import('@/app/routes/status'));
const StaffQueueRoute = lazy(() => import('@/app/routes/staff/queue'));
const StaffWorkRoute = lazy(() => import('@/app/routes/staff/work'));
const StaffTriageRoute = lazy(() => import('@/app/routes/staff/triage'));
const StaffTicketsRoute = lazy(() => import('@/app/routes/staff/tickets'));
const StaffOverdueRoute = lazy(() => import('@/app/routes/staff/overdue'));
const AccountRoute = lazy(() => import('@/app/routes/account'));
const CategoriesRoute = lazy(() => import('@/app/routes/staff/categories'));
const NewCategoryRoute = lazy(() => import('@/app/routes/staff/category-new'));
const EditCategoryRoute = lazy(() => import('@/app/routes/staff/category-edit'));
const OperatorsRoute = lazy(() => import('@/app/routes/staff/operators'));
const IntegrationsRoute = lazy(() => import('@/app/routes/staff/integrations'));
const ManagersRoute = lazy(() => import('@/app/routes/admin/managers'));
const DashboardRoute = lazy(() => import('@/app/routes/staff/dashboard'));
const MunicipalitiesRoute = lazy(() => import('@/app/routes/admin/municipalities'));
const NewMunicipalityRoute = lazy(() => import('@/app/routes/admin/municipality-new'));
const EditMunicipalityRoute = lazy(() => import('@/app/routes/admin/municipality-edit'));
const DeadLettersRoute = lazy(() => import('@/app/routes/admin/dead-letters'));
const FailedNotificationsRoute = lazy(() => import('@/app/routes/admin/failed-notifications'));
const NotFoundRoute = lazy(() => import('@/app/routes/not-found'));

/** After a client-side navigation, move focus to the new page as a full page load would. */
function FocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [pathname]);
  return null;
}

function RootLayout() {
  return (
    <>
      <SessionWatcher />
      <LiveNotifications />
      <FocusOnNavigate />
      <Suspense
        fallback={
          <div className="p-6">
            <Loading />
          </div>
        }
      >
        <Outlet />
      </Suspense>
    </>
  );
}

export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    children: [
      { path: '/', element: <MapRoute /> },
      { path: '/login', element: <LoginRoute /> },
      { path: '/register', element: <RegisterRoute /> },
      { path: '/verify-email', element: <VerifyEmailRoute /> },
      { path: '/reset-password', element: <ResetPasswordRoute /> },
      { path: '/tickets/:ticketId', element: <TicketRoute /> },
      { path: '/my-reports', element: <MyReportsRoute /> },
      { path: '/report', element: <ReportRoute /> },
      { path: '/status', element: <StatusRoute /> },
      { path: '/staff/queue', element: <StaffQueueRoute /> },
      { path: '/staff/tickets/:ticketId', element: <StaffWorkRoute /> },
      { path: '/staff/triage', element: <StaffTriageRoute /> },
      { path: '/staff/tickets', element: <StaffTicketsRoute /> },
      { path: '/staff/overdue', element: <StaffOverdueRoute /> },
      { path: '/account', element: <AccountRoute /> },
      { path: '/staff/settings/categories', element: <CategoriesRoute /> },
      { path: '/staff/settings/categories/new', element: <NewCategoryRoute /> },
      { path: '/staff/settings/categories/:categoryId', element: <EditCategoryRoute /> },
      { path: '/staff/settings/operators', element: <OperatorsRoute /> },
      { path: '/staff/settings/integrations', element: <IntegrationsRoute /> },
      { path: '/admin/managers', element: <ManagersRoute /> },
      { path: '/staff/dashboard', element: <DashboardRoute /> },
      { path: '/admin/municipalities', element: <MunicipalitiesRoute /> },
      { path: '/admin/municipalities/new', element: <NewMunicipalityRoute /> },
      { path: '/admin/municipalities/:municipalityId', element: <EditMunicipalityRoute /> },
      { path: '/admin/dead-letters', element: <DeadLettersRoute /> },
      { path: '/admin/failed-notifications', element: <FailedNotificationsRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
