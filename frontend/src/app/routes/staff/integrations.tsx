import { Integrations } from '@/features/integrations/components/integrations';
import { MunicipalityScope } from '@/features/municipalities/components/municipality-scope';
import { ManagementPage } from '@/features/staff-access/components/management-page';

export default function IntegrationsRoute() {
  return (
    <ManagementPage roles={['manager', 'admin']}>
      <MunicipalityScope>{(municipalityId) => <Integrations key={municipalityId} municipalityId={municipalityId} />}</MunicipalityScope>
    </ManagementPage>
  );
}
