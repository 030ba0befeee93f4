import 'leaflet/dist/leaflet.css';

import L from 'leaflet';
import { MapContainer, Marker } from 'react-leaflet';

import { MapName, MapTiles } from '@/components/map/map-basics';
import { STATUS_COLOURS } from '@/components/ui/status-badge';
import type { Ticket } from '@/features/staff/api/types';
import { useI18n } from '@/lib/i18n';

/** Where the ticket is, on a small map (its own chunk: Leaflet loads only when a work view opens). */
export default function SpotMap({ ticket }: { ticket: Ticket }) {
  const { t } = useI18n();
  const position: [number, number] = [ticket.location.lat, ticket.location.lon];
  const icon = L.divIcon({
    className: 'ticket-pin',
    html: `<span style="background:${STATUS_COLOURS[ticket.status]}"></span>`,
    iconSize: [24, 24],
    iconAnchor: [12, 12],
  });
  return (
    <MapContainer center={position} zoom={17} className="h-56 w-full rounded-lg bg-slate-200" scrollWheelZoom={false}>
      <MapName label={t('staff.work.map', { reference: ticket.reference })} />
      <MapTiles />
      <Marker position={position} icon={icon} title={ticket.reference} keyboard={false} />
    </MapContainer>
  );
}
