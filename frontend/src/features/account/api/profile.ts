import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';
import { userQueryKey } from '@/lib/auth';

export type ProfileChange = components['schemas']['UpdateMe'];
export type PersonalData = components['schemas']['PersonalData'];

export const personalDataQueryKey = ['auth', 'export'] as const;

/** Everything CityFix holds about the person: the profile's phone and language come from here. */
export function getPersonalData(signal?: AbortSignal): Promise<PersonalData> {
  return unwrap(apiClient.GET('/api/v1/auth/me/export', signal ? { signal } : {}));
}

export const personalDataQueryOptions = () =>
  queryOptions({ queryKey: personalDataQueryKey, queryFn: ({ signal }) => getPersonalData(signal) });

export function usePersonalData() {
  return useQuery(personalDataQueryOptions());
}

export function updateProfile(change: ProfileChange) {
  return unwrap(apiClient.PATCH('/api/v1/auth/me', { body: change }));
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    onSuccess: (user) => {
      queryClient.setQueryData(userQueryKey, user);
      return queryClient.invalidateQueries({ queryKey: personalDataQueryKey });
    },
  });
}
