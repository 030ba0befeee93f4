import { MainLayout } from '@/components/layouts/main-layout';
import { RegisterForm } from '@/features/auth/components/register-form';

export default function Route() {
  return (
    <MainLayout>
      <RegisterForm />
    </MainLayout>
  );
}
