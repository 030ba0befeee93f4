import { MainLayout } from '@/components/layouts/main-layout';
import { StaffGate, STAFF_PAGES } from '@/features/staff/components/role-gate';
import { TriageInbox } from '@/features/staff/components/triage-inbox';

export default function StaffTriageRoute() {
  return (
    <MainLayout>
      <StaffGate roles={STAFF_PAGES.triage.roles}>
        <TriageInbox />
      </StaffGate>
    </MainLayout>
  );
}
