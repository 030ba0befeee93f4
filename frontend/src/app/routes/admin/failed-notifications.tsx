import { FailedDeliveries } from '@/features/dead-letters/components/failed-deliveries';
import { ManagementPage } from '@/features/staff-access/components/management-page';

export default function FailedNotificationsRoute() {
  return (
    <ManagementPage roles={['admin']}>
      <FailedDeliveries />
    </ManagementPage>
  );
}
