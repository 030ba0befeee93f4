import { MunicipalityScope } from '@/features/municipalities/components/municipality-scope';
import { ManagementPage } from '@/features/staff-access/components/management-page';
import { StaffUsers } from '@/features/users/components/staff-users';

export default function OperatorsRoute() {
  return (
    <ManagementPage roles={['manager', 'admin']}>
      <MunicipalityScope>{(municipalityId) => <StaffUsers role="operator" municipalityId={municipalityId} />}</MunicipalityScope>
    </ManagementPage>
  );
}
