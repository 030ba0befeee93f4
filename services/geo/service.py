"""The geo service: wiring of its documents, handlers and subscribers onto the shared runtime."""

from __future__ import annotations

from services.common.service import ServiceSpec

from .documents import DOCUMENTS
from .handlers import rpc
from .subscribers import events

spec = ServiceSpec(name="geo", documents=DOCUMENTS, rpc=rpc, events=events)
