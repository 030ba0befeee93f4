import { useEffect } from 'react';
import { TileLayer, useMap } from 'react-leaflet';

import { env } from '@/config/env';

/** Where maps open: Potsdam, the first municipality of the demo. */
export const INITIAL_CENTER: [number, number] = [52.3906, 13.0645];
export const INITIAL_ZOOM = 13;

/** The configured tiles, if any; reports a failing tile server so the page can say so. */
export function MapTiles({ onUnavailable }: { onUnavailable?: () => void }) {
  if (!env.mapTileUrl) return null;
  return (
    <TileLayer
      url={env.mapTileUrl}
      attribution={env.mapAttribution}
      eventHandlers={onUnavailable ? { tileerror: onUnavailable } : {}}
    />
  );
}

/** Names the map's container for screen readers (Leaflet renders it outside React). */
export function MapName({ label }: { label: string }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', label);
  }, [map, label]);
  return null;
}
