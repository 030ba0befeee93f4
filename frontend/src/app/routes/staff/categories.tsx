import { CategoryList } from '@/features/categories/components/category-list';
import { MunicipalityScope } from '@/features/municipalities/components/municipality-scope';
import { ManagementPage } from '@/features/staff-access/components/management-page';

export default function CategoriesRoute() {
  return (
    <ManagementPage roles={['manager', 'admin']}>
      <MunicipalityScope>
        {(municipalityId, search) => <CategoryList municipalityId={municipalityId} search={search} />}
      </MunicipalityScope>
    </ManagementPage>
  );
}
