import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

function getPage(cursor: string | null, signal?: AbortSignal) {
  return unwrap(
    apiClient.GET('/api/v1/municipalities', {
      params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } },
      ...(signal ? { signal } : {}),
    }),
  );
}

/** A municipality in the list: no boundary, but its bounding box. */
export type MunicipalitySummary = Awaited<ReturnType<typeof getPage>>['data'][number];

/** Every municipality, page after page (there are a few hundred at most). */
export async function getMunicipalities(signal?: AbortSignal): Promise<MunicipalitySummary[]> {
  const all: MunicipalitySummary[] = [];
  let cursor: string | null = null;
  do {
    const page = await getPage(cursor, signal);
    all.push(...page.data);
    cursor = page.next_cursor ?? null;
  } while (cursor);
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

export const municipalitiesQueryKey = ['municipalities'] as const;

export function useMunicipalities() {
  return useQuery(
    queryOptions({
      queryKey: municipalitiesQueryKey,
      queryFn: ({ signal }) => getMunicipalities(signal),
      staleTime: 5 * 60_000,
    }),
  );
}
