"""How the auth service stores its state (Beanie documents). Filled by the issue that builds accounts, passwords, tokens, roles, profiles and personal data."""

from __future__ import annotations

from beanie import Document

DOCUMENTS: list[type[Document]] = []
