import { useMutation, useQueryClient } from '@tanstack/react-query';

import { municipalitiesQueryKey } from '@/features/municipalities/api/get-municipalities';
import { apiClient, unwrap, type components } from '@/lib/api-client';

export type NewMunicipality = components['schemas']['CreateMunicipality'];
export type MunicipalityChanges = components['schemas']['MunicipalityPatch'];

export function createMunicipality(body: NewMunicipality) {
  return unwrap(apiClient.POST('/api/v1/municipalities', { body }));
}

export function updateMunicipality(municipalityId: string, body: MunicipalityChanges) {
  return unwrap(
    apiClient.PATCH('/api/v1/municipalities/{municipality_id}', {
      params: { path: { municipality_id: municipalityId } },
      body,
    }),
  );
}

export function useCreateMunicipality() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createMunicipality,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: municipalitiesQueryKey }),
  });
}

export function useUpdateMunicipality(municipalityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MunicipalityChanges) => updateMunicipality(municipalityId, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(['municipalities', municipalityId], saved);
      return queryClient.invalidateQueries({ queryKey: municipalitiesQueryKey, exact: true });
    },
  });
}
