import { MainLayout } from '@/components/layouts/main-layout';
import { ReportForm } from '@/features/report/components/report-form';
import { ProtectedRoute } from '@/lib/auth';

export default function ReportRoute() {
  return (
    <MainLayout>
      <ProtectedRoute>
        <ReportForm />
      </ProtectedRoute>
    </MainLayout>
  );
}
