"""How the tickets service stores its state (Beanie documents). Filled by the issue that builds the ticket lifecycle: report, triage, assign, work, resolve, confirm."""

from __future__ import annotations

from beanie import Document

DOCUMENTS: list[type[Document]] = []
