import { NewMunicipalityPage } from '@/features/municipalities/components/municipality-pages';
import { ManagementPage } from '@/features/staff-access/components/management-page';

export default function NewMunicipalityRoute() {
  return (
    <ManagementPage roles={['admin']}>
      <NewMunicipalityPage />
    </ManagementPage>
  );
}
