"""How the notifications service stores its state (Beanie documents). Filled by the issue that builds deciding from events whom to tell what, by inbox, email and live push."""

from __future__ import annotations

from beanie import Document

DOCUMENTS: list[type[Document]] = []
