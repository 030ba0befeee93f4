import { useMunicipalities } from '@/features/municipalities/api/get-municipalities';
import { ManagementPage } from '@/features/staff-access/components/management-page';
import { StaffUsers } from '@/features/users/components/staff-users';

function Managers() {
  const municipalities = useMunicipalities();
  return <StaffUsers role="manager" municipalities={municipalities.data ?? []} />;
}

export default function ManagersRoute() {
  return (
    <ManagementPage roles={['admin']}>
      <Managers />
    </ManagementPage>
  );
}
