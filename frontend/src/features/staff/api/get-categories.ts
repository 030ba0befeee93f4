import { queryOptions, useQuery } from '@tanstack/react-query';

import type { Category } from '@/features/staff/api/types';
import { apiClient, unwrap } from '@/lib/api-client';

/** A municipality's categories, inactive ones too (staff may meet old tickets of them). */
export async function getStaffCategories(municipalityId: string, signal?: AbortSignal): Promise<Category[]> {
  const page = await unwrap(
    apiClient.GET('/api/v1/municipalities/{municipality_id}/categories', {
      params: { path: { municipality_id: municipalityId }, query: { limit: 100, include_inactive: true } },
      ...(signal ? { signal } : {}),
    }),
  );
  return page.data;
}

export function useStaffCategories(municipalityId: string | null | undefined) {
  return useQuery(
    queryOptions({
      queryKey: ['categories', 'staff', municipalityId],
      queryFn: ({ signal }) => getStaffCategories(municipalityId as string, signal),
      enabled: Boolean(municipalityId),
      staleTime: 5 * 60_000,
    }),
  );
}

/** A category's name by id, or the id itself while the names load (never blank). */
export function useCategoryName(municipalityId: string | null | undefined) {
  const categories = useStaffCategories(municipalityId);
  const names = new Map((categories.data ?? []).map((category) => [category.id, category.name]));
  return (categoryId: string) => names.get(categoryId) ?? categoryId;
}
