import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type PasswordResetConfirmation = components['schemas']['ConfirmPasswordReset'];

export function requestPasswordReset(email: string) {
  return unwrap(apiClient.POST('/api/v1/auth/password-reset', { body: { email } }));
}

export function confirmPasswordReset(confirmation: PasswordResetConfirmation) {
  return unwrap(apiClient.POST('/api/v1/auth/password-reset/confirm', { body: confirmation }));
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}

export function useConfirmPasswordReset() {
  return useMutation({ mutationFn: confirmPasswordReset });
}
