import { queryOptions, useQuery } from '@tanstack/react-query';

import type { StaffUser } from '@/features/staff/api/types';
import { apiClient, unwrap, type components } from '@/lib/api-client';

/** The operators of the manager's municipality (every page), active ones only, by name. */
export async function getOperators(signal?: AbortSignal): Promise<StaffUser[]> {
  const operators: StaffUser[] = [];
  let cursor: string | null = null;
  do {
    const page: components['schemas']['UserList'] = await unwrap(
      apiClient.GET('/api/v1/users', {
        params: { query: cursor ? { role: 'operator', limit: 200, cursor } : { role: 'operator', limit: 200 } },
        ...(signal ? { signal } : {}),
      }),
    );
    operators.push(...page.data);
    cursor = page.next_cursor ?? null;
  } while (cursor);
  return operators.filter((user) => user.active).sort((a, b) => a.full_name.localeCompare(b.full_name));
}

export function useOperators(enabled = true) {
  return useQuery(
    queryOptions({
      queryKey: ['users', 'operators'],
      queryFn: ({ signal }) => getOperators(signal),
      enabled,
      staleTime: 5 * 60_000,
    }),
  );
}
