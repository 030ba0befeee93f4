import { useMutation, useQueryClient } from '@tanstack/react-query';

import { getPersonalData } from '@/features/account/api/profile';
import { apiClient, unwrap } from '@/lib/api-client';
import { endSession } from '@/lib/session';

/** Fetch the personal data afresh and hand it to the browser as a JSON file. */
export async function downloadPersonalData(now = new Date()) {
  const data = await getPersonalData();
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = `cityfix-personal-data-${now.toISOString().slice(0, 10)}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 0);
}

export function useDownloadPersonalData() {
  return useMutation({ mutationFn: () => downloadPersonalData() });
}

export function deleteAccount() {
  return unwrap(apiClient.DELETE('/api/v1/auth/me'));
}

/**
 * Delete the account, then forget the session here: the person is signed out. `onDeleted` runs
 * first (to leave the page), as the account's pages unmount once the session is gone.
 */
export function useDeleteAccount(onDeleted: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAccount,
    onSuccess: () => {
      onDeleted();
      endSession('signed_out');
      queryClient.clear();
    },
  });
}
