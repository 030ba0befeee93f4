import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type Registration = components['schemas']['RegisterCitizen'];

export function register(registration: Registration) {
  return unwrap(apiClient.POST('/api/v1/auth/register', { body: registration }));
}

export function useRegister() {
  return useMutation({ mutationFn: register });
}
