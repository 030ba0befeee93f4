/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the CityFix HTTP API. Defaults to `/api/v1` (same origin, proxied in dev). */
  readonly VITE_API_BASE_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
