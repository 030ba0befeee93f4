import 'leaflet/dist/leaflet.css';

import L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { MapContainer, Marker, Popup, useMap, useMapEvents } from 'react-leaflet';
import { Link } from 'react-router';

import { INITIAL_CENTER, INITIAL_ZOOM, MapName, MapTiles } from '@/components/map/map-basics';
import { statusPin } from '@/components/map/status-pin';
import type { Ticket } from '@/features/staff/api/types';
import { useI18n } from '@/lib/i18n';

/** `west,south,east,north` of the map's view, four decimals; null while the map has no size. */
function viewport(map: L.Map): string | null {
  const b = map.getBounds();
  if (!(b.getWest() < b.getEast() && b.getSouth() < b.getNorth())) return null;
  const clamp = (v: number, limit: number) => Math.max(-limit, Math.min(limit, v));
  return [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)]
    .map((n) => n.toFixed(4))
    .join(',');
}

function Viewport({ onChange }: { onChange: (bbox: string) => void }) {
  const map = useMapEvents({ moveend: () => report() });
  function report() {
    const bbox = viewport(map);
    if (bbox) onChange(bbox);
  }
  useEffect(report);
  return null;
}

/** Shows the loaded tickets once, when they first arrive; after that the person pans. */
function FitOnce({ tickets }: { tickets: readonly Ticket[] }) {
  const map = useMap();
  const fitted = useRef(false);
  useEffect(() => {
    if (fitted.current || tickets.length === 0) return;
    fitted.current = true;
    map.fitBounds(
      L.latLngBounds(tickets.map((ticket) => [ticket.location.lat, ticket.location.lon] as [number, number])),
      { padding: [24, 24], maxZoom: 16 },
    );
  }, [map, tickets]);
  return null;
}

function ResizeOnShow({ visible }: { visible: boolean }) {
  const map = useMap();
  useEffect(() => {
    if (visible) map.invalidateSize();
  }, [map, visible]);
  return null;
}

export default function StaffMap({
  tickets,
  visible,
  onViewportChange,
}: {
  tickets: readonly Ticket[];
  visible: boolean;
  onViewportChange: (bbox: string) => void;
}) {
  const { t } = useI18n();
  const markers = useMemo(
    () =>
      tickets.map((ticket) => (
        <Marker
          key={ticket.id}
          position={[ticket.location.lat, ticket.location.lon]}
          icon={statusPin(ticket.status)}
          title={`${ticket.reference}: ${t(`status.${ticket.status}`)}`}
        >
          <Popup>
            <p className="m-0 font-semibold">{ticket.reference}</p>
            <p className="m-0">{t(`status.${ticket.status}`)}</p>
            <p className="m-0 line-clamp-3">{ticket.description}</p>
            <Link to={`/staff/tickets/${ticket.id}`}>{t('staff.ticket.open', { reference: ticket.reference })}</Link>
          </Popup>
        </Marker>
      )),
    [tickets, t],
  );
  return (
    <MapContainer center={INITIAL_CENTER} zoom={INITIAL_ZOOM} className="h-[60dvh] min-h-80 w-full rounded-xl bg-slate-200">
      <MapName label={t('staff.list.map')} />
      <MapTiles />
      <Viewport onChange={onViewportChange} />
      <FitOnce tickets={tickets} />
      <ResizeOnShow visible={visible} />
      {markers}
    </MapContainer>
  );
}
