"""Events of the geo service. AddressResolved belongs to geo's own `address` aggregate (DESIGN §2): the
ticket it fills in is named by `ticket_id` in the data, and it travels under that ticket's municipality."""

from __future__ import annotations

from pydantic import Field

from ..envelope import DomainEvent, Point


class AddressResolved(DomainEvent):
    """A ticket reported without an address got one by reverse geocoding its location."""

    aggregate = "address"
    address_id: str = Field(description="The geo service's own id for this resolution")
    ticket_id: str
    address: str = Field(description="Postal address as the geocoder writes it, most specific part first")
    location: Point = Field(description="The point that was reverse-geocoded (the ticket's location)")
