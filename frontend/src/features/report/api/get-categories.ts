import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type Category = components['schemas']['CategoryView'];
export type Question = components['schemas']['CategoryQuestion'];

export async function getCategories(municipalityId: string, signal?: AbortSignal): Promise<Category[]> {
  const page = await unwrap(
    apiClient.GET('/api/v1/municipalities/{municipality_id}/categories', {
      params: { path: { municipality_id: municipalityId }, query: { limit: 100 } },
      ...(signal ? { signal } : {}),
    }),
  );
  return page.data.filter((category) => category.active);
}

export function useCategories(municipalityId: string | undefined) {
  return useQuery(
    queryOptions({
      queryKey: ['categories', municipalityId],
      queryFn: ({ signal }) => getCategories(municipalityId as string, signal),
      enabled: municipalityId !== undefined,
      staleTime: 5 * 60_000,
    }),
  );
}
