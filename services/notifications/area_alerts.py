"""Area alerts (FixMyStreet's): who hears of a new report because it lies inside one of their alerts.

An alert is a circle (a centre and a radius in metres, measured from the ticket's location along the
earth's surface) or a whole municipality (the ticket's municipality as the tickets service decided it),
optionally limited to some categories. The matching is pure (`covers`); `alert_owners` finds the
candidates in this service's copy of the alerts (profile_settings.py) with a coarse box around the
ticket, then keeps those whose area really covers it. Several matching alerts of one person make one
recipient: a notification is once per (event, recipient, channel).
"""

from __future__ import annotations

import math
from typing import Any

from cityfix_contracts.events import TicketCreated

from .documents import AreaAlertDocument

EARTH_RADIUS_M = 6_371_008.8  # the mean radius
LARGEST_RADIUS_M = 10_000  # what the auth service accepts (AreaAlertBody.radius_m)
METRES_PER_DEGREE_LAT = math.pi * EARTH_RADIUS_M / 180


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def covers(alert: dict[str, Any], ticket: TicketCreated) -> bool:
    """Whether a stored alert (a document's fields) asks to hear of this new ticket."""
    if not alert.get("active"):
        return False
    categories = alert.get("category_ids") or []
    if categories and ticket.category_id not in categories:
        return False
    if alert.get("kind") == "municipality":
        return bool(alert.get("municipality_id") == ticket.municipality_id)
    if alert.get("kind") == "radius":
        lat, lon, radius = alert.get("lat"), alert.get("lon"), alert.get("radius_m")
        if lat is None or lon is None or radius is None:
            return False
        return bool(distance_m(lat, lon, ticket.location.lat, ticket.location.lon) <= radius)
    return False


def nearby_box(lat: float, lon: float, metres: float) -> dict[str, Any]:
    """A query for centres within `metres` north, south, east and west of (lat, lon): a superset of the
    circles that may cover the point, which `covers` then checks exactly."""
    dlat = metres / METRES_PER_DEGREE_LAT
    shrink = math.cos(math.radians(min(abs(lat) + dlat, 89.9)))
    dlon = min(dlat / max(shrink, 1e-6), 180.0)
    box: dict[str, Any] = {"lat": {"$gte": lat - dlat, "$lte": lat + dlat}}
    if lon - dlon >= -180 and lon + dlon <= 180:  # near the antimeridian: every longitude
        box["lon"] = {"$gte": lon - dlon, "$lte": lon + dlon}
    return box


async def alert_owners(ticket: TicketCreated, session: Any) -> list[str]:
    """The people with an active alert covering this new ticket, sorted, each once."""
    point = ticket.location
    candidates = AreaAlertDocument.get_pymongo_collection().find(
        {
            "active": True,
            "$or": [
                {"kind": "municipality", "municipality_id": ticket.municipality_id},
                {"kind": "radius", **nearby_box(point.lat, point.lon, LARGEST_RADIUS_M)},
            ],
        },
        session=session,
    )
    return sorted({alert["user_id"] async for alert in candidates if covers(alert, ticket)})
