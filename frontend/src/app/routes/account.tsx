import { MainLayout } from '@/components/layouts/main-layout';
import { AccountPage } from '@/features/account/components/account-page';
import { ProtectedRoute } from '@/lib/auth';

export default function AccountRoute() {
  return (
    <MainLayout>
      <ProtectedRoute>
        <AccountPage />
      </ProtectedRoute>
    </MainLayout>
  );
}
