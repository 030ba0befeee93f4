import { MainLayout } from '@/components/layouts/main-layout';
import { StatusPanel } from '@/features/status/components/status-panel';

export function LandingRoute() {
  return (
    <MainLayout>
      <div className="space-y-8">
        <div className="space-y-3">
          <h1 className="text-4xl font-extrabold tracking-tight text-slate-900 sm:text-5xl">
            CityFix
          </h1>
          <p className="max-w-prose text-lg text-slate-700">
            Citizens report street problems like potholes or broken streetlights, the right
            municipality fixes them, and every change is an event others can subscribe to.
          </p>
        </div>
        <StatusPanel />
      </div>
    </MainLayout>
  );
}
