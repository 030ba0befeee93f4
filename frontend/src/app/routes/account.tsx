import type { ReactNode } from 'react';
import { Navigate } from 'react-router';

import { MainLayout } from '@/components/layouts/main-layout';
import { accountDeletedInThisTab } from '@/features/account/api/account-data';
import { AccountPage } from '@/features/account/components/account-page';
import { ProtectedRoute, useUser } from '@/lib/auth';

/** Signed-in people only; right after deleting their account, the person goes home, not to sign-in. */
function AccountGuard({ children }: { children: ReactNode }) {
  const { user } = useUser();
  if (!user && accountDeletedInThisTab()) return <Navigate to="/" replace />;
  return <ProtectedRoute>{children}</ProtectedRoute>;
}

export default function AccountRoute() {
  return (
    <MainLayout>
      <AccountGuard>
        <AccountPage />
      </AccountGuard>
    </MainLayout>
  );
}
