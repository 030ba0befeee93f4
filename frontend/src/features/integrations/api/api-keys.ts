import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type ApiKey = components['schemas']['ApiKeyView'];

export function getApiKeys(municipalityId: string, cursor: string | null, signal?: AbortSignal) {
  return unwrap(
    apiClient.GET('/api/v1/integrations/api-keys', {
      params: { query: { municipality_id: municipalityId, limit: 50, ...(cursor ? { cursor } : {}) } },
      ...(signal ? { signal } : {}),
    }),
  );
}

export const apiKeysKey = (municipalityId: string) => ['integrations', municipalityId, 'api-keys'] as const;

export function useApiKeys(municipalityId: string) {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: apiKeysKey(municipalityId),
      queryFn: ({ pageParam, signal }) => getApiKeys(municipalityId, pageParam, signal),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.next_cursor ?? null,
    }),
  );
}

/** A new key; the answer holds its secret, which lives only in this mutation's state (never cached). */
export function useCreateApiKey(municipalityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      unwrap(apiClient.POST('/api/v1/integrations/api-keys', { body: { name, municipality_id: municipalityId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey(municipalityId) }),
  });
}

export function useRevokeApiKey(municipalityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (apiKeyId: string) =>
      unwrap(apiClient.DELETE('/api/v1/integrations/api-keys/{api_key_id}', { params: { path: { api_key_id: apiKeyId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey(municipalityId) }),
  });
}
