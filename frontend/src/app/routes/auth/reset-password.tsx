import { MainLayout } from '@/components/layouts/main-layout';
import { ResetPassword } from '@/features/auth/components/reset-password';

export default function Route() {
  return (
    <MainLayout>
      <ResetPassword />
    </MainLayout>
  );
}
