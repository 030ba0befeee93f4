import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type NewStaffUser = components['schemas']['CreateStaffUser'];
export type UserChanges = components['schemas']['UserChanges'];

export function createUser(body: NewStaffUser) {
  return unwrap(apiClient.POST('/api/v1/users', { body }));
}

export function updateUser(userId: string, body: UserChanges) {
  return unwrap(apiClient.PATCH('/api/v1/users/{user_id}', { params: { path: { user_id: userId } }, body }));
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** Deactivate or reactivate an account (a deactivated person's tokens stop working at once). */
export function useSetUserActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, active }: { userId: string; active: boolean }) => updateUser(userId, { active }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
