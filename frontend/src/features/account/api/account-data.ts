import { useMutation, type QueryClient } from '@tanstack/react-query';

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

export function useDeleteAccount() {
  return useMutation({ mutationFn: deleteAccount });
}

let deletedInThisTab = false;

/** Whether an account was deleted in this tab: its pages then lead home rather than to sign-in. */
export function accountDeletedInThisTab(): boolean {
  return deletedInThisTab;
}

/**
 * Forget, in this browser, an account that no longer exists: its tokens at once (a request sent with
 * them now fails, and a failed refresh would send the person to sign in), and what was loaded for it.
 * The tickets stay, to be loaded again as the public sees them.
 */
export function forgetDeletedAccount(queryClient: QueryClient) {
  deletedInThisTab = true;
  endSession('signed_out');
  queryClient.removeQueries({ queryKey: ['auth'] });
  queryClient.removeQueries({ queryKey: ['notifications'] });
  void queryClient.invalidateQueries({ queryKey: ['tickets'] });
}
