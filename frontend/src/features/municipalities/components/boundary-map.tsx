import 'leaflet/dist/leaflet.css';

import L from 'leaflet';
import { useEffect, useMemo } from 'react';
import { GeoJSON, MapContainer, useMap } from 'react-leaflet';

import { INITIAL_CENTER, INITIAL_ZOOM, MapName, MapTiles } from '@/components/map/map-basics';
import type { Boundary } from '@/features/municipalities/components/boundary-file';

function FitTo({ bounds }: { bounds: L.LatLngBounds | null }) {
  const map = useMap();
  useEffect(() => {
    if (bounds?.isValid()) map.fitBounds(bounds, { padding: [16, 16] });
  }, [map, bounds]);
  return null;
}

/**
 * The shape of a boundary on a map. It draws as vector paths, so it shows on a plain background
 * when there are no tiles (offline, tests); tiles only add context.
 */
export default function BoundaryMap({ boundary, label }: { boundary: Boundary; label: string }) {
  const bounds = useMemo(() => L.geoJSON(boundary as GeoJSON.GeoJsonObject).getBounds(), [boundary]);
  return (
    <MapContainer center={INITIAL_CENTER} zoom={INITIAL_ZOOM} className="h-72 w-full rounded-xl bg-slate-200 sm:h-96">
      <MapName label={label} />
      <MapTiles />
      <GeoJSON
        key={`${bounds.toBBoxString()}:${JSON.stringify(boundary.coordinates).length}`}
        data={boundary as GeoJSON.GeoJsonObject}
        style={{ color: '#047857', weight: 2, fillColor: '#10b981', fillOpacity: 0.25 }}
        interactive={false}
      />
      <FitTo bounds={bounds} />
    </MapContainer>
  );
}
