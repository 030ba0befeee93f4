import { DeadLetters } from '@/features/dead-letters/components/dead-letters';
import { ManagementPage } from '@/features/staff-access/components/management-page';

export default function DeadLettersRoute() {
  return (
    <ManagementPage roles={['admin']}>
      <DeadLetters />
    </ManagementPage>
  );
}
