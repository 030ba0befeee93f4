import 'leaflet/dist/leaflet.css';

import { useEffect } from 'react';
import { Circle, CircleMarker, MapContainer, useMap, useMapEvents } from 'react-leaflet';

import { INITIAL_CENTER, INITIAL_ZOOM, MapName, MapTiles } from '@/components/map/map-basics';
import type { AreaAlert, Point } from '@/features/account/api/area-alerts';
import { useI18n } from '@/lib/i18n';

function ClickToPlace({ onPick }: { onPick: (point: Point) => void }) {
  useMapEvents({ click: (event) => onPick({ lat: event.latlng.lat, lon: event.latlng.lng }) });
  return null;
}

function ShowPoint({ point }: { point: Point | null }) {
  const map = useMap();
  useEffect(() => {
    if (point) map.panTo([point.lat, point.lon]);
  }, [map, point]);
  return null;
}

type Props = {
  point: Point | null;
  /** The circle being drawn, in metres; null for a municipality alert. */
  radius: number | null;
  alerts: AreaAlert[];
  onPick: (point: Point) => void;
};

/** Where the alert is: a click chooses the point; the circle and the person's other alerts are drawn. */
export function AlertMap({ point, radius, alerts, onPick }: Props) {
  const { t } = useI18n();
  return (
    <MapContainer center={INITIAL_CENTER} zoom={INITIAL_ZOOM} className="h-72 w-full rounded-xl bg-slate-200 sm:h-96">
      <MapName label={t('account.alertMap')} />
      <MapTiles />
      <ClickToPlace onPick={onPick} />
      <ShowPoint point={point} />
      {alerts.map((alert) =>
        alert.kind === 'radius' && alert.center && alert.radius_m ? (
          <Circle
            key={alert.alert_id}
            center={[alert.center.lat, alert.center.lon]}
            radius={alert.radius_m}
            pathOptions={{ color: '#475569', weight: 1, fillOpacity: 0.08 }}
            interactive={false}
          />
        ) : null,
      )}
      {point && radius !== null && (
        <Circle center={[point.lat, point.lon]} radius={radius} pathOptions={{ color: '#047857', weight: 2 }} interactive={false} />
      )}
      {point && (
        <CircleMarker
          center={[point.lat, point.lon]}
          radius={6}
          pathOptions={{ color: '#047857', fillColor: '#047857', fillOpacity: 1 }}
          interactive={false}
        />
      )}
    </MapContainer>
  );
}
