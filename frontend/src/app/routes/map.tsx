import { MainLayout } from '@/components/layouts/main-layout';
import { TicketMapPage } from '@/features/map/components/ticket-map-page';

export default function MapRoute() {
  return (
    <MainLayout wide>
      <TicketMapPage />
    </MainLayout>
  );
}
