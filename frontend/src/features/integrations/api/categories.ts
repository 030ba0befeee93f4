import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

type Category = components['schemas']['CategoryView'];

/** The municipality's categories (inactive ones too, to name an endpoint's filter): id, name, active. */
export async function getCategoryNames(municipalityId: string, signal?: AbortSignal) {
  const all: Pick<Category, 'id' | 'name' | 'active'>[] = [];
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
    all.push(...page.data.map(({ id, name, active }) => ({ id, name, active })));
    cursor = page.next_cursor ?? null;
  } while (cursor);
  return all;
}

export function useCategoryNames(municipalityId: string) {
  return useQuery(
    queryOptions({
      queryKey: ['categories', municipalityId, 'all', 'names'],
      queryFn: ({ signal }) => getCategoryNames(municipalityId, signal),
    }),
  );
}
