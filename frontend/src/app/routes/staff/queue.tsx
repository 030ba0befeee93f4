import { MainLayout } from '@/components/layouts/main-layout';
import { MyQueue } from '@/features/staff/components/my-queue';
import { StaffGate, STAFF_PAGES } from '@/features/staff/components/role-gate';

export default function StaffQueueRoute() {
  return (
    <MainLayout>
      <StaffGate roles={STAFF_PAGES.queue.roles}>
        <MyQueue />
      </StaffGate>
    </MainLayout>
  );
}
