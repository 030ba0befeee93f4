/// <reference types="leaflet.markercluster" />
import 'leaflet/dist/leaflet.css';
import 'react-leaflet-cluster/dist/assets/MarkerCluster.css';

import L from 'leaflet';
import { useEffect, useMemo } from 'react';
import { MapContainer, Marker, Popup, useMap, useMapEvents } from 'react-leaflet';
import MarkerClusterGroup from 'react-leaflet-cluster';
import { Link } from 'react-router';

import { STATUS_COLOURS, type TicketStatus } from '@/components/ui/status-badge';
import { INITIAL_CENTER, INITIAL_ZOOM, MapName, MapTiles } from '@/components/map/map-basics';
import { pinStatus, statusPin } from '@/components/map/status-pin';
import { toBbox, type Bbox, type Ticket } from '@/features/map/api/get-map-tickets';
import { useI18n } from '@/lib/i18n';



/** Which status a cluster shows: the one that most needs attention among its tickets. */
export const STATUS_URGENCY: readonly TicketStatus[] = [
  'received',
  'reopened',
  'triaged',
  'assigned',
  'action_scheduled',
  'in_progress',
  'resolved',
  'closed',
  'duplicate',
  'not_responsible',
  'unable_to_fix',
];

export function mostUrgent(statuses: Iterable<TicketStatus>): TicketStatus {
  let best = STATUS_URGENCY.length - 1;
  for (const status of statuses) best = Math.min(best, STATUS_URGENCY.indexOf(status));
  return STATUS_URGENCY[best] ?? 'closed';
}

/** A cluster in the colour of its most pressing ticket, with the count inside. */
function clusterIcon(cluster: L.MarkerCluster): L.DivIcon {
  const markers = cluster.getAllChildMarkers();
  const status = mostUrgent(
    markers.flatMap((marker) => {
      const found = pinStatus(marker.options.icon);
      return found ? [found] : [];
    }),
  );
  return L.divIcon({
    className: 'ticket-cluster',
    html: `<span style="background:${STATUS_COLOURS[status]}">${markers.length}</span>`,
    iconSize: [36, 36],
  });
}

/** The last view of this visit, so "back to the map" from a ticket returns to the same place. */
let lastView: { center: [number, number]; zoom: number } = { center: INITIAL_CENTER, zoom: INITIAL_ZOOM };


function ViewportWatcher({ onViewportChange }: { onViewportChange: (bbox: Bbox) => void }) {
  const map = useMapEvents({
    moveend: () => report(),
  });
  function report() {
    const center = map.getCenter();
    lastView = { center: [center.lat, center.lng], zoom: map.getZoom() };
    const bounds = map.getBounds();
    onViewportChange(toBbox(bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()));
  }
  // Report the first viewport once the map has laid itself out.
  useEffect(report, []);
  return null;
}

/** A map shown again after being hidden (the phone's list view) must measure itself anew. */
function ResizeOnShow({ visible }: { visible: boolean }) {
  const map = useMap();
  useEffect(() => {
    if (visible) map.invalidateSize();
  }, [map, visible]);
  return null;
}

type Props = {
  tickets: Ticket[];
  visible: boolean;
  onViewportChange: (bbox: Bbox) => void;
  onTilesUnavailable: () => void;
};

export function TicketMap({ tickets, visible, onViewportChange, onTilesUnavailable }: Props) {
  const { t } = useI18n();
  const markers = useMemo(
    () =>
      tickets.map((ticket) => (
        <Marker
          key={ticket.id}
          position={[ticket.location.lat, ticket.location.lon]}
          icon={statusPin(ticket.status)}
          title={t('map.marker', { reference: ticket.reference, status: t(`status.${ticket.status}`) })}
        >
          <Popup>
            <p className="m-0 font-semibold">{ticket.reference}</p>
            <p className="m-0">{t(`status.${ticket.status}`)}</p>
            <p className="m-0 line-clamp-3">{ticket.description}</p>
            <Link to={`/tickets/${ticket.id}`}>{t('ticket.open', { reference: ticket.reference })}</Link>
          </Popup>
        </Marker>
      )),
    [tickets, t],
  );

  return (
    <MapContainer
      center={lastView.center}
      zoom={lastView.zoom}
      className="min-h-[60dvh] w-full flex-1 bg-slate-200"
      scrollWheelZoom
    >
      <MapName label={t('map.label')} />
      <MapTiles onUnavailable={onTilesUnavailable} />
      <ViewportWatcher onViewportChange={onViewportChange} />
      <ResizeOnShow visible={visible} />
      <MarkerClusterGroup chunkedLoading iconCreateFunction={clusterIcon}>{markers}</MarkerClusterGroup>
    </MapContainer>
  );
}
