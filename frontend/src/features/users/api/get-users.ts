import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type StaffUser = components['schemas']['UserView'];
export type StaffRole = 'operator' | 'manager';
export type UserFilter = { role: StaffRole; municipalityId?: string | undefined };

export function getUsers(filter: UserFilter, cursor: string | null, signal?: AbortSignal) {
  return unwrap(
    apiClient.GET('/api/v1/users', {
      params: {
        query: {
          role: filter.role,
          limit: 50,
          ...(filter.municipalityId ? { municipality_id: filter.municipalityId } : {}),
          ...(cursor ? { cursor } : {}),
        },
      },
      ...(signal ? { signal } : {}),
    }),
  );
}

export const usersKey = (filter: UserFilter) => ['users', filter.role, filter.municipalityId ?? 'all'] as const;

export function useUsers(filter: UserFilter) {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: usersKey(filter),
      queryFn: ({ pageParam, signal }) => getUsers(filter, pageParam, signal),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.next_cursor ?? null,
    }),
  );
}
