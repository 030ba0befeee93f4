import { useParams } from 'react-router';

import { EditCategoryPage } from '@/features/categories/components/category-pages';
import { MunicipalityScope } from '@/features/municipalities/components/municipality-scope';
import { ManagementPage } from '@/features/staff-access/components/management-page';

export default function EditCategoryRoute() {
  const { categoryId = '' } = useParams();
  return (
    <ManagementPage roles={['manager', 'admin']}>
      <MunicipalityScope>
        {(municipalityId, search) => (
          <EditCategoryPage municipalityId={municipalityId} categoryId={categoryId} search={search} />
        )}
      </MunicipalityScope>
    </ManagementPage>
  );
}
