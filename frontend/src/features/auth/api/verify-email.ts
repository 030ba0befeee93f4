import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

export function verifyEmail(token: string) {
  return unwrap(apiClient.POST('/api/v1/auth/verify-email', { body: { token } }));
}

export function useVerifyEmail() {
  return useMutation({ mutationFn: verifyEmail });
}
