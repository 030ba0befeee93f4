import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type Municipality = components['schemas']['MunicipalityView'];

export function getMunicipality(municipalityId: string, signal?: AbortSignal): Promise<Municipality> {
  return unwrap(
    apiClient.GET('/api/v1/municipalities/{municipality_id}', {
      params: { path: { municipality_id: municipalityId } },
      ...(signal ? { signal } : {}),
    }),
  );
}

export function useMunicipality(municipalityId: string | undefined) {
  return useQuery(
    queryOptions({
      queryKey: ['municipalities', municipalityId],
      queryFn: ({ signal }) => getMunicipality(municipalityId as string, signal),
      enabled: municipalityId !== undefined,
    }),
  );
}
