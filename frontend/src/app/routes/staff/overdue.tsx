import { MainLayout } from '@/components/layouts/main-layout';
import { OverdueList } from '@/features/staff/components/overdue-list';
import { StaffGate, STAFF_PAGES } from '@/features/staff/components/role-gate';
import { useUser } from '@/lib/auth';

function Page() {
  const { user } = useUser();
  return user ? <OverdueList user={user} /> : null;
}

export default function StaffOverdueRoute() {
  return (
    <MainLayout>
      <StaffGate roles={STAFF_PAGES.overdue.roles}>
        <Page />
      </StaffGate>
    </MainLayout>
  );
}
