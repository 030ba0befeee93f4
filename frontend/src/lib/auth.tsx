import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';

import { Loading } from '@/components/ui/spinner';
import { apiClient, unwrap, type components } from '@/lib/api-client';
import {
  endSession,
  hasSession,
  lastSessionEnd,
  readRefreshToken,
  startSession,
  subscribeToSession,
} from '@/lib/session';

export type User = components['schemas']['UserView'];
export type Credentials = components['schemas']['Login'];

export const userQueryKey = ['auth', 'me'] as const;

/** Whether this browser holds a session (an access token or a refresh token). */
export function useHasSession(): boolean {
  return useSyncExternalStore(subscribeToSession, hasSession, () => false);
}

export function getMe({ signal }: { signal?: AbortSignal } = {}): Promise<User> {
  return unwrap(apiClient.GET('/api/v1/auth/me', signal ? { signal } : {}));
}

/** The signed-in person, or null; `isPending` while a kept session is being checked. */
export function useUser(): { user: User | null; isPending: boolean } {
  const present = useHasSession();
  const me = useQuery({
    queryKey: userQueryKey,
    queryFn: ({ signal }) => getMe({ signal }),
    enabled: present,
    staleTime: 5 * 60_000,
  });
  return { user: present ? (me.data ?? null) : null, isPending: present && me.isPending };
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) =>
      unwrap(apiClient.POST('/api/v1/auth/login', { body: credentials })),
    onSuccess: (pair) => {
      startSession(pair);
      queryClient.setQueryData(userQueryKey, pair.user);
      // What the API shows depends on who asks (a reporter sees more of their tickets).
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const refreshToken = readRefreshToken();
      if (refreshToken) {
        // Ending the session on the server is best effort: the tokens go from here either way.
        await apiClient.POST('/api/v1/auth/logout', { body: { refresh_token: refreshToken } }).catch(() => undefined);
      }
    },
    onSettled: () => {
      endSession('signed_out');
      queryClient.clear();
    },
  });
}

/** A path inside the app to return to after signing in; anything else goes home. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function loginPath(pathname: string, search: string, expired: boolean): string {
  const params = new URLSearchParams({ next: `${pathname}${search}` });
  if (expired) params.set('expired', '1');
  return `/login?${params.toString()}`;
}

/** Sends the person to /login when the server refuses to refresh their session. */
export function SessionWatcher() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      subscribeToSession((event) => {
        if (hasSession()) return;
        queryClient.setQueryData(userQueryKey, null);
        if (event === 'expired' && location.pathname !== '/login') {
          void navigate(loginPath(location.pathname, location.search, true), { replace: true });
        }
      }),
    [navigate, location, queryClient],
  );
  return null;
}

/** Pages for signed-in people: others are sent to /login and come back afterwards. */
export function ProtectedRoute({ children }: { children: ReactNode }) {
  const { user, isPending } = useUser();
  const location = useLocation();
  if (isPending) return <Loading />;
  if (!user) {
    const expired = lastSessionEnd() === 'expired';
    return <Navigate to={loginPath(location.pathname, location.search, expired)} replace />;
  }
  return children;
}
