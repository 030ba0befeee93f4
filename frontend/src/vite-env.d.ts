/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of the CityFix HTTP API. Defaults to the page's own origin (proxied in dev). */
  readonly VITE_API_ORIGIN?: string;
  /** Leaflet tile URL template; OpenStreetMap by default, `none` for no tiles. */
  readonly VITE_MAP_TILE_URL?: string;
  /** Attribution (HTML) shown for the tiles. */
  readonly VITE_MAP_ATTRIBUTION?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
