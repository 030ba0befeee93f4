import { MainLayout } from '@/components/layouts/main-layout';
import { MyReports } from '@/features/my-reports/components/my-reports';
import { ProtectedRoute } from '@/lib/auth';

export default function MyReportsRoute() {
  return (
    <MainLayout>
      <ProtectedRoute>
        <MyReports />
      </ProtectedRoute>
    </MainLayout>
  );
}
