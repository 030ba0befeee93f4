"""How the media service stores its state (Beanie documents). Filled by the issue that builds photo upload, processing, privacy and serving."""

from __future__ import annotations

from beanie import Document

DOCUMENTS: list[type[Document]] = []
