import { MainLayout } from '@/components/layouts/main-layout';
import { VerifyEmail } from '@/features/auth/components/verify-email';

export default function Route() {
  return (
    <MainLayout>
      <VerifyEmail />
    </MainLayout>
  );
}
