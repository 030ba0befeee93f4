import { useMutation, useQueryClient } from '@tanstack/react-query';

import { deadLettersKey } from '@/features/dead-letters/api/get-dead-letters';
import { apiClient, unwrap } from '@/lib/api-client';

/** Publish a dead letter again on its original subject; the API removes it from the list. */
export function replayDeadLetter(deadLetterId: number) {
  return unwrap(
    apiClient.POST('/api/v1/admin/dead-letters/{dead_letter_id}/replay', {
      params: { path: { dead_letter_id: deadLetterId } },
    }),
  );
}

export function useReplayDeadLetter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: replayDeadLetter,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deadLettersKey }),
  });
}
