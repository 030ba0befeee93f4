import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type Category = components['schemas']['CategoryView'];
export type CategoryQuestion = components['schemas']['CategoryQuestion'];

/** Every category of a municipality, deactivated ones included (what its managers see). */
export async function getAllCategories(municipalityId: string, signal?: AbortSignal): Promise<Category[]> {
  const all: Category[] = [];
  let cursor: string | null = null;
  do {
    const page: components['schemas']['CategoryList'] = await unwrap(
      apiClient.GET('/api/v1/municipalities/{municipality_id}/categories', {
        params: {
          path: { municipality_id: municipalityId },
          query: { limit: 500, include_inactive: true, ...(cursor ? { cursor } : {}) },
        },
        ...(signal ? { signal } : {}),
      }),
    );
    all.push(...page.data);
    cursor = page.next_cursor ?? null;
  } while (cursor);
  return all;
}

/** Under ['categories', id] so a change also refreshes the list citizens pick from. */
export const allCategoriesKey = (municipalityId: string) => ['categories', municipalityId, 'all'] as const;

export function useAllCategories(municipalityId: string) {
  return useQuery(
    queryOptions({
      queryKey: allCategoriesKey(municipalityId),
      queryFn: ({ signal }) => getAllCategories(municipalityId, signal),
    }),
  );
}
