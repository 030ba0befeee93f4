import { MainLayout } from '@/components/layouts/main-layout';
import { StaffGate, STAFF_PAGES } from '@/features/staff/components/role-gate';
import { TicketList } from '@/features/staff/components/ticket-list';
import { useUser } from '@/lib/auth';

function Page() {
  const { user } = useUser();
  return user ? <TicketList user={user} /> : null;
}

export default function StaffTicketsRoute() {
  return (
    <MainLayout wide>
      <div className="mx-auto w-full max-w-7xl px-4 py-6 sm:px-6">
        <StaffGate roles={STAFF_PAGES.tickets.roles}>
          <Page />
        </StaffGate>
      </div>
    </MainLayout>
  );
}
