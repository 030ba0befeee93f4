import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type Operator = components['schemas']['UserView'];

/** The municipality's active operators, to choose a category's default operator from. */
export async function getOperators(municipalityId: string, signal?: AbortSignal): Promise<Operator[]> {
  const page = await unwrap(
    apiClient.GET('/api/v1/users', {
      params: { query: { role: 'operator', municipality_id: municipalityId, limit: 200 } },
      ...(signal ? { signal } : {}),
    }),
  );
  return page.data.filter((user) => user.active);
}

export function useOperators(municipalityId: string) {
  return useQuery(
    queryOptions({
      queryKey: ['users', 'operators', municipalityId],
      queryFn: ({ signal }) => getOperators(municipalityId, signal),
      staleTime: 60_000,
    }),
  );
}
