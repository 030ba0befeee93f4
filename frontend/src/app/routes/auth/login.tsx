import { MainLayout } from '@/components/layouts/main-layout';
import { LoginForm } from '@/features/auth/components/login-form';

export default function Route() {
  return (
    <MainLayout>
      <LoginForm />
    </MainLayout>
  );
}
