import { NewCategoryPage } from '@/features/categories/components/category-pages';
import { MunicipalityScope } from '@/features/municipalities/components/municipality-scope';
import { ManagementPage } from '@/features/staff-access/components/management-page';

export default function NewCategoryRoute() {
  return (
    <ManagementPage roles={['manager', 'admin']}>
      <MunicipalityScope>
        {(municipalityId, search) => <NewCategoryPage municipalityId={municipalityId} search={search} />}
      </MunicipalityScope>
    </ManagementPage>
  );
}
