import { Dashboard } from '@/features/dashboard/components/dashboard';
import { MunicipalityScope } from '@/features/municipalities/components/municipality-scope';
import { ManagementPage } from '@/features/staff-access/components/management-page';

export default function DashboardRoute() {
  return (
    <ManagementPage roles={['manager', 'admin']}>
      <MunicipalityScope>
        {(municipalityId) => <Dashboard key={municipalityId} municipalityId={municipalityId} />}
      </MunicipalityScope>
    </ManagementPage>
  );
}
