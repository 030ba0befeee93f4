import { Link } from 'react-router';

import { MainLayout } from '@/components/layouts/main-layout';

export function NotFoundRoute() {
  return (
    <MainLayout>
      <title>Page not found · CityFix</title>
      <div className="space-y-4">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Page not found</h1>
        <p className="text-slate-700">There is nothing at this address.</p>
        <Link
          to="/"
          className="inline-block rounded-md font-medium text-emerald-800 underline underline-offset-4 hover:text-emerald-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700"
        >
          Go to the home page
        </Link>
      </div>
    </MainLayout>
  );
}
