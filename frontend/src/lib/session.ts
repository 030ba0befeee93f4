import { env } from '@/config/env';
import type { components } from '@/lib/api-schema';

type TokenPair = components['schemas']['TokenPair'];

/**
 * The signed-in session. The access token lives in memory only (a script injected
 * into the page cannot find it in storage, and it dies with the tab); the rotating
 * refresh token is kept in localStorage so a reload or a new tab stays signed in.
 * Refresh tokens work once and a reused one ends the whole session, so refreshing is
 * single-flight within a tab and serialised across tabs with the Web Locks API
 * where the browser has it.
 */

const REFRESH_KEY = 'cityfix.refresh_token';
/** Refresh this long before the access token expires, so a request never carries a dying one. */
const EXPIRY_MARGIN_MS = 30_000;

export type SessionEvent = 'changed' | 'expired';
export type RefreshOutcome = 'refreshed' | 'failed' | 'offline';

let access: { token: string; expiresAt: number } | null = null;
let refreshing: Promise<RefreshOutcome> | null = null;
let ended: 'signed_out' | 'expired' | null = null;
const listeners = new Set<(event: SessionEvent) => void>();

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function emit(event: SessionEvent) {
  for (const listener of listeners) listener(event);
}

export function subscribeToSession(listener: (event: SessionEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function readRefreshToken(): string | null {
  return storage()?.getItem(REFRESH_KEY) ?? null;
}

export function hasSession(): boolean {
  return access !== null || readRefreshToken() !== null;
}

/** The access token if it is still good for a while, else null. */
export function currentAccessToken(now = Date.now()): string | null {
  return access && access.expiresAt - EXPIRY_MARGIN_MS > now ? access.token : null;
}

export function startSession(pair: TokenPair, now = Date.now()) {
  access = { token: pair.access_token, expiresAt: now + pair.expires_in * 1000 };
  storage()?.setItem(REFRESH_KEY, pair.refresh_token);
  ended = null;
  emit('changed');
}

/** Forget the tokens: `signed_out` on purpose, `expired` when the server refused them. */
export function endSession(reason: 'signed_out' | 'expired') {
  const had = hasSession();
  if (had) ended = reason;
  access = null;
  storage()?.removeItem(REFRESH_KEY);
  if (had) emit(reason === 'expired' ? 'expired' : 'changed');
}

/** How the last session of this tab ended, so the login page can say "your session has ended". */
export function lastSessionEnd(): 'signed_out' | 'expired' | null {
  return ended;
}

function refreshUrl(): string {
  const origin = env.apiOrigin || window.location.origin;
  return `${origin}/api/v1/auth/refresh`;
}

async function exchangeRefreshToken(): Promise<RefreshOutcome> {
  // Read inside the lock: another tab may have rotated the token a moment ago.
  const refreshToken = readRefreshToken();
  if (!refreshToken) {
    if (access) endSession('expired');
    return 'failed';
  }
  let response: Response;
  try {
    response = await globalThis.fetch(refreshUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refresh_token: refreshToken }),
    });
  } catch {
    return 'offline';
  }
  if (response.ok) {
    startSession((await response.json()) as TokenPair);
    return 'refreshed';
  }
  // The server is down or busy: keep the tokens and try again on the next request.
  if (response.status >= 500 || response.status === 429) return 'offline';
  endSession('expired');
  return 'failed';
}

/** Exchange the refresh token for a new pair; concurrent callers share one exchange. */
export function refreshSession(): Promise<RefreshOutcome> {
  if (!refreshing) {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    const run = locks
      ? locks.request('cityfix.session.refresh', exchangeRefreshToken)
      : exchangeRefreshToken();
    refreshing = run.finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

// Signing in or out in one tab does the same in the others.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== REFRESH_KEY) return;
    if (event.newValue === null) access = null;
    // A rotation elsewhere (old and new both set) changes nothing here: our access token still works.
    if (event.newValue === null || event.oldValue === null) emit('changed');
  });
}

/** For tests: forget everything without telling anyone. */
export function resetSessionForTests() {
  access = null;
  refreshing = null;
  ended = null;
  storage()?.removeItem(REFRESH_KEY);
}
