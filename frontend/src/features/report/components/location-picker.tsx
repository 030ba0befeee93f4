import 'leaflet/dist/leaflet.css';

import L from 'leaflet';
import { useEffect, useState } from 'react';
import { MapContainer, Marker, useMap, useMapEvents } from 'react-leaflet';

import { Button } from '@/components/ui/button';
import { INITIAL_CENTER, INITIAL_ZOOM, MapName, MapTiles } from '@/components/map/map-basics';
import type { Point } from '@/features/report/api/locate';
import { AddressSearch } from '@/features/report/components/address-search';
import { useI18n } from '@/lib/i18n';

const pin = L.divIcon({
  className: 'ticket-pin',
  html: '<span style="background:#047857"></span>',
  iconSize: [28, 28],
  iconAnchor: [14, 14],
});

function ClickToPlace({ onPick }: { onPick: (point: Point) => void }) {
  useMapEvents({ click: (event) => onPick({ lat: event.latlng.lat, lon: event.latlng.lng }) });
  return null;
}

/** Bring the chosen point into view (a GPS fix may be off-screen). */
function ShowPoint({ point }: { point: Point | null }) {
  const map = useMap();
  useEffect(() => {
    if (point) map.setView([point.lat, point.lon], Math.max(map.getZoom(), 16));
  }, [map, point]);
  return null;
}

type Props = { point: Point | null; onPick: (point: Point) => void };

/** Where is it? A click on the map, the device's position, or an address search. */
export function LocationPicker({ point, onPick }: Props) {
  const { t } = useI18n();
  const [locating, setLocating] = useState(false);
  const [gpsProblem, setGpsProblem] = useState<string | null>(null);

  function useMyPosition() {
    if (!('geolocation' in navigator)) {
      setGpsProblem(t('report.gpsUnavailable'));
      return;
    }
    setLocating(true);
    setGpsProblem(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        onPick({ lat: position.coords.latitude, lon: position.coords.longitude });
      },
      () => {
        setLocating(false);
        setGpsProblem(t('report.gpsFailed'));
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }

  return (
    <div className="space-y-2">
      <p className="text-slate-700">{t('report.whereHint')}</p>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={useMyPosition} disabled={locating}>
          {locating ? t('report.locating') : t('report.useMyPosition')}
        </Button>
        {point && (
          <p role="status" className="text-sm text-slate-700">
            {t('report.pointChosen', { lat: point.lat.toFixed(5), lon: point.lon.toFixed(5) })}
          </p>
        )}
      </div>
      {gpsProblem && (
        <p role="alert" className="text-sm text-red-800">
          {gpsProblem}
        </p>
      )}
      <AddressSearch onPick={onPick} />
      <MapContainer center={INITIAL_CENTER} zoom={INITIAL_ZOOM} className="h-72 w-full rounded-xl bg-slate-200 sm:h-96">
        <MapName label={t('report.mapLabel')} />
        <MapTiles />
        <ClickToPlace onPick={onPick} />
        <ShowPoint point={point} />
        {point && <Marker position={[point.lat, point.lon]} icon={pin} keyboard={false} />}
      </MapContainer>
    </div>
  );
}
