/**
 * Validated runtime configuration. Read `import.meta.env` here and only here,
 * so a bad value fails once, at start-up, with a clear message.
 */

export type Env = {
  /**
   * Origin of the HTTP API without a trailing slash, e.g. `https://api.example.org`,
   * or `''` for the page's own origin (the gateway serves the app). The paths of the
   * OpenAPI document already start with `/api/v1`.
   */
  readonly apiOrigin: string;
  /** Leaflet tile URL template, or `null` for a map without tiles (offline, tests). */
  readonly mapTileUrl: string | null;
  readonly mapAttribution: string;
};

export class EnvError extends Error {
  override name = 'EnvError';
}

const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const OSM_ATTRIBUTION =
  '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

function parseHttpUrl(name: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EnvError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EnvError(`${name} must use http or https, got "${url.protocol}"`);
  }
  return url;
}

function optionalString(name: string, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new EnvError(`${name} must be a string`);
  return raw.trim();
}

function parseApiOrigin(raw: unknown): string {
  const value = optionalString('VITE_API_ORIGIN', raw);
  if (!value) return '';
  return parseHttpUrl('VITE_API_ORIGIN', value).origin;
}

function parseTileUrl(raw: unknown): string | null {
  const value = optionalString('VITE_MAP_TILE_URL', raw);
  if (value === undefined || value === '') return OSM_TILES;
  if (value === 'none') return null;
  if (!value.includes('{z}') || !value.includes('{x}') || !value.includes('{y}')) {
    throw new EnvError(
      `VITE_MAP_TILE_URL must be a tile template with {z}, {x} and {y} (or "none"), got "${value}"`,
    );
  }
  parseHttpUrl('VITE_MAP_TILE_URL', value.replace(/\{[a-z]\}/g, 'a'));
  return value;
}

export function parseEnv(source: Record<string, unknown>): Env {
  return Object.freeze({
    apiOrigin: parseApiOrigin(source['VITE_API_ORIGIN']),
    mapTileUrl: parseTileUrl(source['VITE_MAP_TILE_URL']),
    mapAttribution:
      optionalString('VITE_MAP_ATTRIBUTION', source['VITE_MAP_ATTRIBUTION']) || OSM_ATTRIBUTION,
  });
}

export const env: Env = parseEnv(import.meta.env);
