import { MunicipalityList } from '@/features/municipalities/components/municipality-list';
import { ManagementPage } from '@/features/staff-access/components/management-page';

export default function MunicipalitiesRoute() {
  return (
    <ManagementPage roles={['admin']}>
      <MunicipalityList />
    </ManagementPage>
  );
}
