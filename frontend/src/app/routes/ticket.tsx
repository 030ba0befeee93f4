import { useParams } from 'react-router';

import { MainLayout } from '@/components/layouts/main-layout';
import { TicketDetails } from '@/features/tickets/components/ticket-details';

export default function TicketRoute() {
  const { ticketId = '' } = useParams();
  return (
    <MainLayout>
      <TicketDetails ticketId={ticketId} />
    </MainLayout>
  );
}
