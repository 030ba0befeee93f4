"""How the geo service stores its state (Beanie documents). Filled by the issue that builds locating points in municipalities and filling in addresses."""

from __future__ import annotations

from beanie import Document

DOCUMENTS: list[type[Document]] = []
