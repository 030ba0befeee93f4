import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type PasswordChange = components['schemas']['ChangePassword'];

/** Change the password; the server then ends every session of the account, this one included. */
export function changePassword(change: PasswordChange) {
  return unwrap(apiClient.POST('/api/v1/auth/change-password', { body: change }));
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
