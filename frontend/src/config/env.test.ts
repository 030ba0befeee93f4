import { describe, expect, it } from 'vitest';

import { EnvError, parseEnv } from '@/config/env';

describe('parseEnv', () => {
  it('defaults to the same origin and OpenStreetMap tiles', () => {
    const env = parseEnv({});
    expect(env.apiOrigin).toBe('');
    expect(env.mapTileUrl).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(env.mapAttribution).toContain('OpenStreetMap');
  });

  it('accepts another tile server, or none at all', () => {
    expect(parseEnv({ VITE_MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' }).mapTileUrl).toBe(
      'https://tiles.example.org/{z}/{x}/{y}.png',
    );
    expect(parseEnv({ VITE_MAP_TILE_URL: 'none' }).mapTileUrl).toBeNull();
  });

  it('refuses a tile URL without the template placeholders', () => {
    expect(() => parseEnv({ VITE_MAP_TILE_URL: 'https://tiles.example.org/map.png' })).toThrow(EnvError);
  });

  it('keeps only the origin of the API URL and refuses other schemes', () => {
    expect(parseEnv({ VITE_API_ORIGIN: 'https://api.example.org/' }).apiOrigin).toBe(
      'https://api.example.org',
    );
    expect(() => parseEnv({ VITE_API_ORIGIN: 'ftp://api.example.org' })).toThrow(/http or https/);
  });
});
