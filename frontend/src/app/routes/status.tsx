import { MainLayout } from '@/components/layouts/main-layout';
import { StatusPanel } from '@/features/status/components/status-panel';

export default function StatusRoute() {
  return (
    <MainLayout>
      <StatusPanel />
    </MainLayout>
  );
}
