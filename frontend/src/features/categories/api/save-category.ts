import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type NewCategory = components['schemas']['NewCategory'];
export type CategoryChanges = components['schemas']['CategoryPatch'];

export function createCategory(municipalityId: string, body: NewCategory) {
  return unwrap(
    apiClient.POST('/api/v1/municipalities/{municipality_id}/categories', {
      params: { path: { municipality_id: municipalityId } },
      body,
    }),
  );
}

export function updateCategory(municipalityId: string, categoryId: string, body: CategoryChanges) {
  return unwrap(
    apiClient.PATCH('/api/v1/municipalities/{municipality_id}/categories/{category_id}', {
      params: { path: { municipality_id: municipalityId, category_id: categoryId } },
      body,
    }),
  );
}

export function useCreateCategory(municipalityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCategory) => createCategory(municipalityId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['categories', municipalityId] }),
  });
}

export function useUpdateCategory(municipalityId: string, categoryId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CategoryChanges) => updateCategory(municipalityId, categoryId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['categories', municipalityId] }),
  });
}
