import L from 'leaflet';

import { STATUS_COLOURS, type TicketStatus } from '@/components/ui/status-badge';

const pins = new Map<TicketStatus, L.DivIcon>();
const statusOfPin = new Map<L.Icon | L.DivIcon, TicketStatus>();

/** A round pin in the status colour (one per status); a div, so it needs no image files (and no network). */
export function statusPin(status: TicketStatus): L.DivIcon {
  let pin = pins.get(status);
  if (!pin) {
    pin = L.divIcon({
      className: 'ticket-pin',
      html: `<span style="background:${STATUS_COLOURS[status]}"></span>`,
      iconSize: [24, 24],
      iconAnchor: [12, 12],
      popupAnchor: [0, -12],
    });
    pins.set(status, pin);
    statusOfPin.set(pin, status);
  }
  return pin;
}

/** The status a marker's pin shows, if it is one of `statusPin`'s. */
export function pinStatus(icon: L.Icon | L.DivIcon | undefined): TicketStatus | undefined {
  return icon ? statusOfPin.get(icon) : undefined;
}
