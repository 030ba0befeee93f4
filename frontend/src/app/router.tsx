import { useState } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';

import { LandingRoute } from '@/app/routes/landing';
import { NotFoundRoute } from '@/app/routes/not-found';

export const routes: RouteObject[] = [
  { path: '/', element: <LandingRoute /> },
  { path: '*', element: <NotFoundRoute /> },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
