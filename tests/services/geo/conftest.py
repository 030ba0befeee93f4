"""Fixtures of the geo tests: the Nominatim stand-in, and the geo service pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .nominatim import NominatimStandIn, SilentServer


@pytest.fixture
def nominatim() -> Iterator[NominatimStandIn]:
    stand_in = NominatimStandIn()
    stand_in.start()
    yield stand_in
    stand_in.stop()


@pytest.fixture
def silent_geocoder() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()
