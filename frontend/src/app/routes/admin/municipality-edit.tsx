import { useParams } from 'react-router';

import { EditMunicipalityPage } from '@/features/municipalities/components/municipality-pages';
import { ManagementPage } from '@/features/staff-access/components/management-page';

export default function EditMunicipalityRoute() {
  const { municipalityId = '' } = useParams();
  return (
    <ManagementPage roles={['admin']}>
      <EditMunicipalityPage municipalityId={municipalityId} />
    </ManagementPage>
  );
}
