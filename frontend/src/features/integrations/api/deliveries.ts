import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type WebhookDelivery = components['schemas']['WebhookDeliveryView'];
export type WebhookAttempt = components['schemas']['WebhookAttempt'];
export type DeliveryStatus = WebhookDelivery['status'];

export function getDeliveries(endpointId: string, status: DeliveryStatus | null, cursor: string | null, signal?: AbortSignal) {
  return unwrap(
    apiClient.GET('/api/v1/webhooks/{webhook_endpoint_id}/deliveries', {
      params: {
        path: { webhook_endpoint_id: endpointId },
        query: { limit: 20, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) },
      },
      ...(signal ? { signal } : {}),
    }),
  );
}

export const deliveriesKey = (endpointId: string) => ['integrations', 'deliveries', endpointId] as const;

export function useDeliveries(endpointId: string, status: DeliveryStatus | null) {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: [...deliveriesKey(endpointId), status ?? 'all'],
      queryFn: ({ pageParam, signal }) => getDeliveries(endpointId, status, pageParam, signal),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.next_cursor ?? null,
    }),
  );
}

export function useReplayDelivery(endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      unwrap(
        apiClient.POST('/api/v1/webhooks/{webhook_endpoint_id}/deliveries/{delivery_id}/replay', {
          params: { path: { webhook_endpoint_id: endpointId, delivery_id: deliveryId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveriesKey(endpointId) }),
  });
}

/** Queue a signed ping (`webhook.test`); it shows up among the deliveries. */
export function useSendTestPing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (endpointId: string) =>
      unwrap(apiClient.POST('/api/v1/webhooks/{webhook_endpoint_id}/test', { params: { path: { webhook_endpoint_id: endpointId } } })),
    onSuccess: (delivery) => queryClient.invalidateQueries({ queryKey: deliveriesKey(delivery.webhook_endpoint_id) }),
  });
}
