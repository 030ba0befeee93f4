import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type WebhookEndpoint = components['schemas']['WebhookEndpointView'];
export type NewWebhookEndpoint = Omit<components['schemas']['WebhookEndpointBody'], 'municipality_id'>;
export type WebhookEndpointChanges = components['schemas']['WebhookEndpointPatch'];

const path = (id: string) => ({ params: { path: { webhook_endpoint_id: id } } });

export function getWebhookEndpoints(municipalityId: string, cursor: string | null, signal?: AbortSignal) {
  return unwrap(
    apiClient.GET('/api/v1/webhooks', {
      params: { query: { municipality_id: municipalityId, limit: 50, ...(cursor ? { cursor } : {}) } },
      ...(signal ? { signal } : {}),
    }),
  );
}

export const webhooksKey = (municipalityId: string) => ['integrations', municipalityId, 'webhooks'] as const;

export function useWebhookEndpoints(municipalityId: string) {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: webhooksKey(municipalityId),
      queryFn: ({ pageParam, signal }) => getWebhookEndpoints(municipalityId, pageParam, signal),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.next_cursor ?? null,
    }),
  );
}

/** A new endpoint; the answer's signing secret lives only in this mutation's state (never cached). */
export function useCreateWebhookEndpoint(municipalityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewWebhookEndpoint) =>
      unwrap(apiClient.POST('/api/v1/webhooks', { body: { ...body, municipality_id: municipalityId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey(municipalityId) }),
  });
}

export function useUpdateWebhookEndpoint(municipalityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: WebhookEndpointChanges }) =>
      unwrap(apiClient.PATCH('/api/v1/webhooks/{webhook_endpoint_id}', { ...path(id), body: changes })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey(municipalityId) }),
  });
}

export function useDeleteWebhookEndpoint(municipalityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (endpoint: WebhookEndpoint) => {
      await unwrap(apiClient.DELETE('/api/v1/webhooks/{webhook_endpoint_id}', path(endpoint.id)));
      return endpoint;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey(municipalityId) }),
  });
}

/** A new signing secret (the old one stops at once), answered this once. */
export function useRotateWebhookSecret() {
  return useMutation({
    mutationFn: (id: string) => unwrap(apiClient.POST('/api/v1/webhooks/{webhook_endpoint_id}/rotate-secret', path(id))),
  });
}
