import createClient from 'openapi-fetch';

import { env } from '@/config/env';
import type { paths } from '@/lib/api-schema';
import { currentAccessToken, readRefreshToken, refreshSession } from '@/lib/session';

export type { components, paths } from '@/lib/api-schema';

/** One field the server refused, from `details.fields` of a `validation_failed` error. */
export type FieldProblem = { field: string; problem: string };

/**
 * An error from the CityFix API. Built from the server's error body
 * `{"error": {"code", "message", "details"}}` when there is one, otherwise
 * from the HTTP status (or `network_error`).
 */
export class ApiError extends Error {
  override name = 'ApiError';
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /** Machine-readable error code, e.g. `not_found`. */
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The fields a 422 names, so a form can show each problem beside its field. */
  get fieldProblems(): FieldProblem[] {
    const fields = isRecord(this.details) ? this.details['fields'] : undefined;
    if (!Array.isArray(fields)) return [];
    return fields.flatMap((entry: unknown) =>
      isRecord(entry) && typeof entry['field'] === 'string' && typeof entry['problem'] === 'string'
        ? [{ field: entry['field'], problem: entry['problem'] }]
        : [],
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turn a failed response's body into an ApiError, using the API's error shape when present. */
export function toApiError(status: number, statusText: string, body: unknown): ApiError {
  if (isRecord(body) && isRecord(body['error'])) {
    const { code, message, details } = body['error'];
    return new ApiError(
      status,
      typeof code === 'string' ? code : 'unknown_error',
      typeof message === 'string' ? message : statusText || `HTTP ${status}`,
      details ?? null,
    );
  }
  return new ApiError(status, 'http_error', statusText || `HTTP ${status}`);
}

async function send(request: Request, token: string | null): Promise<Response> {
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  try {
    return await globalThis.fetch(request);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', 'Could not reach the CityFix server.');
  }
}

/**
 * fetch with the session: adds the access token, refreshes it first when it is about
 * to expire, and when the server still answers 401 refreshes once and retries. A
 * refresh the server refuses ends the session (the app then sends the person to /login).
 */
export async function sessionFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  let token = currentAccessToken();
  if (!token && readRefreshToken()) {
    await refreshSession();
    token = currentAccessToken();
  }
  const response = await send(request, token);
  if (response.status !== 401 || !token) return response;
  if ((await refreshSession()) !== 'refreshed') return response;
  return send(retry, currentAccessToken());
}

function baseUrl(): string {
  return env.apiOrigin || window.location.origin;
}

/** The absolute URL of an API path, for what cannot go through `apiClient` (images, uploads, streams). */
export function apiUrl(path: string): string {
  return `${baseUrl()}${path}`;
}

/** The typed client: paths, parameters and bodies come from gateway/openapi.json. */
export const apiClient = createClient<paths>({ baseUrl: baseUrl(), fetch: sessionFetch });

type Outcome<T> = { data?: T; error?: unknown; response: Response };

/** The body of a successful call, or the API's error thrown as an ApiError. */
export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response.status, response.statusText, error);
  return data as T;
}
