import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type DeadLetter = components['schemas']['DeadLetterView'];

export function getDeadLetters(cursor: string | null, signal?: AbortSignal) {
  return unwrap(
    apiClient.GET('/api/v1/admin/dead-letters', {
      params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } },
      ...(signal ? { signal } : {}),
    }),
  );
}

export const deadLettersKey = ['admin', 'dead-letters'] as const;

export function useDeadLetters() {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: deadLettersKey,
      queryFn: ({ pageParam, signal }) => getDeadLetters(pageParam, signal),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.next_cursor ?? null,
    }),
  );
}
