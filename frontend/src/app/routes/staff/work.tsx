import { useParams } from 'react-router';

import { MainLayout } from '@/components/layouts/main-layout';
import { StaffGate, STAFF_PAGES } from '@/features/staff/components/role-gate';
import { WorkView } from '@/features/staff/components/work-view';

export default function StaffWorkRoute() {
  const { ticketId = '' } = useParams();
  return (
    <MainLayout>
      <StaffGate roles={STAFF_PAGES.work.roles}>
        <WorkView ticketId={ticketId} />
      </StaffGate>
    </MainLayout>
  );
}
