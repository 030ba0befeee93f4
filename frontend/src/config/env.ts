/**
 * Validated runtime configuration. Read `import.meta.env` here and only here,
 * so a bad value fails once, at start-up, with a clear message.
 */

export type Env = {
  /** Base URL of the HTTP API, without a trailing slash, e.g. `/api/v1`. */
  readonly apiBaseUrl: string;
};

export class EnvError extends Error {
  override name = 'EnvError';
}

const DEFAULT_API_BASE_URL = '/api/v1';

function parseApiBaseUrl(raw: unknown): string {
  if (raw === undefined || raw === '') return DEFAULT_API_BASE_URL;
  if (typeof raw !== 'string') {
    throw new EnvError('VITE_API_BASE_URL must be a string');
  }
  const value = raw.trim().replace(/\/+$/, '');
  if (value.startsWith('/')) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new EnvError(
      `VITE_API_BASE_URL must be an absolute path like "/api/v1" or an http(s) URL, got "${raw}"`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EnvError(`VITE_API_BASE_URL must use http or https, got "${url.protocol}"`);
  }
  return value;
}

export function parseEnv(source: Record<string, unknown>): Env {
  return Object.freeze({
    apiBaseUrl: parseApiBaseUrl(source['VITE_API_BASE_URL']),
  });
}

export const env: Env = parseEnv(import.meta.env);
